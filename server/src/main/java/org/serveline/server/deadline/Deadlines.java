package org.serveline.server.deadline;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.serveline.server.audit.AuditEvent;
import org.serveline.server.audit.AuditTrail;
import org.serveline.server.court.Court;
import org.serveline.server.court.Courts;
import org.serveline.server.task.ServiceTask;
import org.serveline.server.task.ServiceTasks;
import org.serveline.server.task.TaskId;
import org.serveline.server.task.TaskState;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The statutory clocks of tasks: per task, and the list of tasks at risk of missing their hearing. */
@Service
public class Deadlines {

    /** At most this many tasks are listed at risk (the nearest first). */
    static final int AT_RISK_LIMIT = 1_000;
    private static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final ServiceTasks tasks;
    private final AuditTrail audit;
    private final Courts courts;
    private final JdbcClient jdbc;
    private final DeadlineProperties properties;
    private final DeadlineRules rules;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    Deadlines(ServiceTasks tasks, AuditTrail audit, Courts courts, JdbcClient jdbc, DeadlineProperties properties,
            Clock clock) {
        this.tasks = tasks;
        this.audit = audit;
        this.courts = courts;
        this.jdbc = jdbc;
        this.properties = properties;
        this.rules = new DeadlineRules(properties.holidays());
        this.clock = clock;
    }

    public TaskDeadlines of(TaskId id) {
        ServiceTask task = tasks.get(id);
        ZoneId zone = zone(task.courtId());
        DeadlineProperties.Periods periods = properties.of(task.courtId());
        LocalDate today = LocalDate.now(clock.withZone(zone));
        Optional<AuditEvent> served = task.state() == TaskState.SERVED
                ? audit.chain(id.auditChain()).reversed().stream().filter(e -> "SERVED".equals(e.after())).findFirst()
                : Optional.empty();
        Map<String, Object> evidence = served.map(this::details).orElse(Map.of());
        Instant serviceDate = served.map(e -> serviceDate(evidence, e, zone)).orElse(null);
        LocalDate serviceDay = serviceDate == null ? null : serviceDate.atZone(zone).toLocalDate();
        List<DeadlineRules.Deadline> deadlines = serviceDay == null ? List.of()
                : rules.deadlinesFrom(serviceDay, periods);
        LocalDate hearing = task.hearingDate();
        LocalDate latest = hearing == null ? null : DeadlineRules.latestServiceDay(hearing, periods);
        Long daysLeft = latest == null ? null : DeadlineRules.daysLeft(today, latest);
        boolean atRisk = !task.state().isTerminal() && latest != null
                && !latest.isAfter(today.plus(properties.riskWithin()));
        boolean late = hearing != null && !deadlines.isEmpty() && !deadlines.get(0).lastDay().isBefore(hearing);
        return new TaskDeadlines(id.value(), task.courtId(), task.caseNumber(), task.state(), serviceDate != null,
                serviceDate, serviceDay, evidence.get("serviceDateRule") == null ? null
                        : evidence.get("serviceDateRule").toString(), hearing, latest, daysLeft, atRisk, late,
                deadlines, periods);
    }

    /**
     * Open tasks (not served, not cancelled) with a hearing date whose latest service day is on or before today plus
     * {@code within}, in their court's time zone; the most urgent first.
     */
    public List<AtRiskTask> atRisk(Period within, String court) {
        // the widest horizon any court can have: today (UTC) + 1 day (zones ahead of UTC) + within + its lead
        LocalDate base = LocalDate.now(clock).plusDays(1).plus(within);
        LocalDate horizon = Stream.concat(Stream.of(properties.periods()),
                        properties.courts().keySet().stream().map(properties::of))
                .map(periods -> base.plus(periods.hearingLead())).max(Comparator.naturalOrder()).orElseThrow();
        List<Long> ids = jdbc.sql("""
                SELECT id FROM service_task
                 WHERE state NOT IN ('SERVED', 'CANCELLED') AND hearing_date IS NOT NULL AND hearing_date <= :horizon
                   AND (:court IS NULL OR court_id = :court)
                 ORDER BY hearing_date, id LIMIT :limit""")
                .param("horizon", horizon).param("court", court).param("limit", AT_RISK_LIMIT)
                .query(Long.class).list();
        return tasks.getAll(ids.stream().map(TaskId::new).toList()).stream()
                .map(task -> atRisk(task, within))
                .flatMap(Optional::stream)
                .sorted(Comparator.comparing(AtRiskTask::latestServiceDay).thenComparing(AtRiskTask::taskId))
                .toList();
    }

    private Optional<AtRiskTask> atRisk(ServiceTask task, Period within) {
        LocalDate today = LocalDate.now(clock.withZone(zone(task.courtId())));
        LocalDate latest = DeadlineRules.latestServiceDay(task.hearingDate(), properties.of(task.courtId()));
        if (latest.isAfter(today.plus(within))) {
            return Optional.empty();
        }
        long left = DeadlineRules.daysLeft(today, latest);
        return Optional.of(new AtRiskTask(task.id().value(), task.courtId(), task.caseNumber(), task.party().name(),
                task.state(), task.hearingDate(), latest, left, left < 0));
    }

    private ZoneId zone(String court) {
        return courts.find(court).map(Court::timeZone).orElse(DEFAULT_ZONE);
    }

    private Map<String, Object> details(AuditEvent event) {
        return event.details() == null || event.details().isBlank() ? Map.of() : json.readValue(event.details(), MAP);
    }

    private static Instant serviceDate(Map<String, Object> evidence, AuditEvent served, ZoneId zone) {
        Object date = evidence.get("serviceDate");
        if (date == null) {
            return served.occurredAt();
        }
        try {
            return Instant.parse(date.toString());
        } catch (RuntimeException notAnInstant) {
            return LocalDate.parse(date.toString()).atStartOfDay(zone).toInstant();
        }
    }
}
