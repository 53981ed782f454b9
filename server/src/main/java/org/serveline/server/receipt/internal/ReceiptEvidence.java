package org.serveline.server.receipt.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.serveline.server.audit.AuditEvent;
import org.serveline.server.audit.AuditTrail;
import org.serveline.server.call.CallAttempt;
import org.serveline.server.call.CallAttempts;
import org.serveline.server.court.Court;
import org.serveline.server.court.Courts;
import org.serveline.server.document.Documents;
import org.serveline.server.receipt.ReceiptProperties;
import org.serveline.server.recording.Recording;
import org.serveline.server.recording.Recordings;
import org.serveline.server.task.ServiceTask;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gathers what a receipt states: the task, its documents, its calls and their recordings, and its audit chain
 * (the consent, the SERVED move's evidence, every channel evidence event). The evidence keys of the SERVED move are
 * shared by every channel: {@code channel}, {@code serviceDate}, {@code serviceDateRule}, {@code address},
 * {@code deliveryReceipt}; any other key is printed as channel-specific evidence.
 */
@Component
public class ReceiptEvidence {

    private static final Set<String> SERVICE_KEYS = Set.of("channel", "serviceDate", "serviceDateRule", "address",
            "deliveryReceipt", "servedBy");
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private final Courts courts;
    private final Documents documents;
    private final CallAttempts attempts;
    private final Recordings recordings;
    private final AuditTrail audit;
    private final ReceiptRows rows;
    private final ReceiptProperties properties;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    ReceiptEvidence(Courts courts, Documents documents, CallAttempts attempts, Recordings recordings, AuditTrail audit,
            ReceiptRows rows, ReceiptProperties properties, Clock clock) {
        this.courts = courts;
        this.documents = documents;
        this.attempts = attempts;
        this.recordings = recordings;
        this.audit = audit;
        this.rows = rows;
        this.properties = properties;
        this.clock = clock;
    }

    /** What gathering found: a receipt's content, or why it must wait. */
    public sealed interface Gathered {
    }

    public record Ready(ReceiptContent content) implements Gathered {
    }

    public record Waiting(String why) implements Gathered {
    }

    public Gathered gather(ServiceTask task, String code, Instant issuedAt) {
        List<AuditEvent> chain = audit.chain(task.id().auditChain());
        AuditEvent served = chain.reversed().stream().filter(e -> "SERVED".equals(e.after())).findFirst()
                .orElseThrow(() -> new IllegalStateException("task " + task.id() + " has no SERVED move in its chain"));
        Optional<Court> court = courts.find(task.courtId());
        ZoneId zone = court.map(Court::timeZone).orElse(ZoneId.of("Asia/Shanghai"));
        ReceiptContent.Consent consent = consent(chain);
        if (consent != null && consent.recordingSha256() == null
                && clock.instant().isBefore(served.occurredAt().plus(properties.recordingWait()))) {
            return new Waiting("the recording of consent call " + consent.attemptId() + " is not stored yet");
        }
        return new Ready(new ReceiptContent(task.id().value(), court.map(Court::name).orElse(task.courtId()), zone,
                task.caseNumber(), rows.cause(task.caseId()).orElse(null),
                new ReceiptContent.Party(task.party().name(), EvidenceLabels.role(
                        task.party().role() == null ? null : task.party().role().name()), task.party().address(),
                        task.electronicAddress()),
                documents(task), service(served, zone), consent, attempts(task), evidence(chain), code,
                properties.verifyUrl(code), issuedAt));
    }

    private List<ReceiptContent.Document> documents(ServiceTask task) {
        return task.documentIds().stream().map(id -> documents.find(id)
                .map(d -> new ReceiptContent.Document(id, d.fileName(), d.sha256()))
                .orElse(new ReceiptContent.Document(id, "（文书记录缺失）", null))).toList();
    }

    private ReceiptContent.Service service(AuditEvent served, ZoneId zone) {
        Map<String, Object> details = details(served);
        String channel = text(details.get("channel")).orElse(served.before());
        String rule = text(details.get("serviceDateRule"))
                .orElse("PUBLIC_NOTICE".equals(served.before()) ? "NOTICE_PERIOD_ELAPSED" : null);
        Instant date = text(details.get("serviceDate")).map(d -> instant(d, zone)).orElse(served.occurredAt());
        String by = text(details.get("servedBy")).orElse(actorName(served.actor()));
        Map<String, Object> other = new LinkedHashMap<>(details);
        SERVICE_KEYS.forEach(other::remove);
        return new ReceiptContent.Service(channel, date, rule, by, text(details.get("address")).orElse(null),
                text(details.get("deliveryReceipt")).orElse(null), other);
    }

    private ReceiptContent.Consent consent(List<AuditEvent> chain) {
        return chain.reversed().stream().filter(e -> "TASK_CONSENT_CAPTURED".equals(e.action())).findFirst()
                .map(e -> {
                    Map<String, Object> d = details(e);
                    String attemptId = text(d.get("attemptId")).orElse(null);
                    Optional<Recording> recording = attemptId == null ? Optional.empty()
                            : recordings.ofAttempt(attemptId);
                    Long offset = d.get("consentOffsetMs") instanceof Number n ? n.longValue()
                            : recording.map(Recording::consentOffsetMs).orElse(null);
                    return new ReceiptContent.Consent(attemptId, e.occurredAt(), text(d.get("consentDigit")).orElse(null),
                            offset == null ? null : Duration.ofMillis(offset), text(d.get("scriptVersion")).orElse(null),
                            text(d.get("mobileNumber")).orElse(null),
                            recording.map(Recording::id).or(() -> text(d.get("recording"))).orElse(null),
                            recording.map(Recording::sha256).orElse(null));
                }).orElse(null);
    }

    private List<ReceiptContent.Attempt> attempts(ServiceTask task) {
        List<ReceiptContent.Attempt> lines = new ArrayList<>();
        for (CallAttempt a : attempts.forTask(task.id().value())) {
            String sha = a.answeredAt() == null ? null
                    : recordings.ofAttempt(a.id()).map(Recording::sha256).orElse(null);
            lines.add(new ReceiptContent.Attempt(a.id(), a.createdAt(), a.number(),
                    a.outcome() == null ? a.state().name() : a.outcome().name(), sha));
        }
        return lines;
    }

    private List<ReceiptContent.Evidence> evidence(List<AuditEvent> chain) {
        return chain.stream()
                .filter(e -> properties.evidencePrefixes().stream().anyMatch(p -> e.action().startsWith(p)))
                .map(e -> new ReceiptContent.Evidence(e.occurredAt(), e.actor(), e.action(), details(e)))
                .toList();
    }

    private Map<String, Object> details(AuditEvent event) {
        return event.details() == null || event.details().isBlank() ? Map.of() : json.readValue(event.details(), MAP);
    }

    private static Optional<String> text(Object value) {
        return value == null ? Optional.empty() : Optional.of(value.toString()).filter(s -> !s.isBlank());
    }

    /** An ISO-8601 instant, or a date (the start of that day in the court's zone). */
    private static Instant instant(String text, ZoneId zone) {
        try {
            return Instant.parse(text);
        } catch (RuntimeException notAnInstant) {
            return LocalDate.parse(text).atStartOfDay(zone).toInstant();
        }
    }

    /** How the actor of the SERVED move is named on the receipt. */
    private static String actorName(String actor) {
        return "system".equals(actor) ? "系统自动（system）" : actor;
    }
}
