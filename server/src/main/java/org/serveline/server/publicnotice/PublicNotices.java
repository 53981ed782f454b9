package org.serveline.server.publicnotice;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.serveline.server.audit.AuditRecord;
import org.serveline.server.audit.AuditTrail;
import org.serveline.server.court.Court;
import org.serveline.server.court.CourtProperties;
import org.serveline.server.court.Courts;
import org.serveline.server.document.Documents;
import org.serveline.server.document.StoredDocument;
import org.serveline.server.publicnotice.internal.NoticeRows;
import org.serveline.server.task.ServiceTask;
import org.serveline.server.task.ServiceTasks;
import org.serveline.server.task.TaskId;
import org.serveline.server.task.TaskState;
import org.serveline.server.task.TaskTrigger;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Public notice (公告送达): a task entering PUBLIC_NOTICE gets its notice, generated from the template and published
 * in the transaction that moved it (the public page shows it at once; the outside bulletin gets it from an outbox
 * after commit). Its period is the task's (set by staff), else the court's, else the default; when it elapses the
 * task is SERVED with the period's last day as the service date.
 */
@Service
public class PublicNotices {

    public static final String ACTOR = "public-notice";
    private static final DateTimeFormatter CHINESE_DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");

    private final NoticeRows rows;
    private final ServiceTasks tasks;
    private final Courts courts;
    private final CourtProperties courtProperties;
    private final Documents documents;
    private final AuditTrail audit;
    private final PublicNoticeProperties properties;
    private final Clock clock;
    private final TransactionTemplate transactions;

    PublicNotices(JdbcClient jdbc, ServiceTasks tasks, Courts courts, CourtProperties courtProperties,
            Documents documents, AuditTrail audit, PublicNoticeProperties properties, Clock clock,
            TransactionTemplate transactions) {
        this.transactions = transactions;
        this.rows = new NoticeRows(jdbc);
        this.tasks = tasks;
        this.courts = courts;
        this.courtProperties = courtProperties;
        this.documents = documents;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    /** Publishes the notice of a task that has just entered PUBLIC_NOTICE, in the transaction that moved it. */
    @Transactional
    public PublicNotice publish(TaskId id) {
        Optional<PublicNotice> existing = rows.byTask(id.value(), false);
        if (existing.isPresent()) {
            return existing.get();
        }
        ServiceTask task = tasks.get(id);
        Court court = courts.find(task.courtId()).orElseThrow();
        Optional<String> taskPeriod = rows.periodOf(id.value());
        NoticePeriod period = taskPeriod.map(NoticePeriod::parse).orElseGet(() -> courtPeriod(task.courtId()));
        String source = taskPeriod.isPresent() ? "TASK" : courtSpec(task.courtId())
                .map(CourtProperties.CourtSpec::publicNoticePeriod).isPresent() ? "COURT" : "DEFAULT";
        Instant now = now();
        ZoneId zone = court.timeZone();
        String documentNames = String.join("、", task.documentIds().stream()
                .map(d -> "《" + documents.find(d).map(StoredDocument::fileName).orElse(d) + "》").toList());
        String body = properties.template()
                .replace("{court}", court.name()).replace("{party}", task.party().name())
                .replace("{caseNumber}", task.caseNumber()).replace("{documents}", documentNames)
                .replace("{period}", period.chinese())
                .replace("{publishedOn}", CHINESE_DATE.format(now.atZone(zone)))
                .replace("{lastDay}", CHINESE_DATE.format(period.lastDay(now, zone)));
        PublicNotice draft = new PublicNotice(0, id.value(), court.id(), court.name(), task.caseNumber(),
                task.party().name(), court.name() + "公告（" + task.caseNumber() + "）", body, period.toString(), zone,
                now, period.elapsesAt(now, zone), period.lastDay(now, zone), PublicNotice.Status.PUBLISHED, null);
        long noticeId = rows.insert(draft);
        Map<String, Object> details = new HashMap<>();
        details.put("noticeId", noticeId);
        details.put("title", draft.title());
        details.put("period", period.toString());
        details.put("periodDays", period.days());
        details.put("periodSource", source);
        details.put("publishedAt", now.toString());
        details.put("elapsesAt", draft.elapsesAt().toString());
        details.put("lastDay", draft.serviceDay().toString());
        details.put("timeZone", zone.getId());
        details.put("page", "/notices/" + noticeId);
        details.put("documents", task.documentIds());
        append(id, ACTOR, "PUBLIC_NOTICE_PUBLISHED", details);
        return rows.byId(noticeId).orElseThrow();
    }

    /**
     * Sets the task's own period before its notice is published (e.g. P60D for a party abroad); audited. Once the
     * notice is published its period runs and cannot change.
     */
    @Transactional
    public NoticePeriod setPeriod(TaskId id, String period, String reason, String actor) {
        NoticePeriod parsed = NoticePeriod.parse(period);
        ServiceTask task = tasks.get(id);
        if (task.state().isTerminal()) {
            throw new NoticeConflictException("task " + id + " is " + task.state() + ": its notice period is moot");
        }
        if (rows.byTask(id.value(), true).isPresent()) {
            throw new NoticeConflictException("the notice of task " + id
                    + " is published: its period runs and cannot change");
        }
        rows.setPeriod(id.value(), parsed.toString(), reason, actor, now());
        append(id, actor, "PUBLIC_NOTICE_PERIOD_SET", Map.of("period", parsed.toString(), "periodDays", parsed.days(),
                "reason", reason));
        return parsed;
    }

    /** The period a notice of this task would run for now (the task's, else the court's, else the default). */
    public NoticePeriod periodFor(TaskId id) {
        ServiceTask task = tasks.get(id);
        return rows.periodOf(id.value()).map(NoticePeriod::parse).orElseGet(() -> courtPeriod(task.courtId()));
    }

    /**
     * Elapses every notice whose period is over: the notice is marked, PUBLIC_NOTICE_ELAPSED recorded and the task
     * SERVED (NOTICE_ELAPSED), one notice per transaction; notices another node holds are skipped. Returns how many.
     */
    public int elapseDue() {
        int elapsed = 0;
        while (elapsed < 500 && Boolean.TRUE.equals(transactions.execute(s -> elapseOne()))) {
            elapsed++;
        }
        return elapsed;
    }

    private boolean elapseOne() {
        Instant now = now();
        Optional<PublicNotice> due = rows.lockNextDue(now);
        if (due.isEmpty()) {
            return false;
        }
        PublicNotice notice = due.get();
        TaskId id = new TaskId(notice.taskId());
        rows.status(notice.id(), PublicNotice.Status.ELAPSED, now);
        NoticePeriod period = notice.noticePeriod();
        Map<String, Object> evidence = new HashMap<>();
        evidence.put("channel", "PUBLIC_NOTICE");
        evidence.put("serviceDate", notice.elapsesAt().toString());
        evidence.put("serviceDay", notice.serviceDay().toString());
        evidence.put("serviceDateRule", "NOTICE_PERIOD_ELAPSED");
        evidence.put("publishedAt", notice.publishedAt().toString());
        evidence.put("periodDays", period.days());
        evidence.put("period", period.toString());
        evidence.put("noticeId", notice.id());
        evidence.put("timeZone", notice.timeZone().getId());
        append(id, ACTOR, "PUBLIC_NOTICE_ELAPSED", evidence);
        ServiceTask task = tasks.get(id);
        if (task.state() == TaskState.PUBLIC_NOTICE) {
            tasks.move(task, TaskTrigger.NOTICE_ELAPSED, ACTOR, null, evidence);
        }
        return true;
    }

    /** The task was cancelled while its notice ran: the notice leaves the public page. */
    @Transactional
    public void withdraw(TaskId id, String actor) {
        rows.byTask(id.value(), true).filter(n -> n.status() == PublicNotice.Status.PUBLISHED).ifPresent(n -> {
            rows.status(n.id(), PublicNotice.Status.WITHDRAWN, now());
            append(id, actor, "PUBLIC_NOTICE_WITHDRAWN", Map.of("noticeId", n.id()));
        });
    }

    public Optional<PublicNotice> ofTask(TaskId id) {
        return rows.byTask(id.value(), false);
    }

    public Optional<PublicNotice> get(long noticeId) {
        return rows.byId(noticeId);
    }

    /** The notices the public page shows: running ones and those ended within the last 30 days. */
    public List<PublicNotice> visible(String court) {
        return rows.visible(court, now().minus(30, ChronoUnit.DAYS), 200);
    }

    private NoticePeriod courtPeriod(String courtId) {
        return new NoticePeriod(courtSpec(courtId).map(CourtProperties.CourtSpec::publicNoticePeriod)
                .orElse(properties.defaultPeriod()));
    }

    private Optional<CourtProperties.CourtSpec> courtSpec(String courtId) {
        return courtProperties.courts().stream().filter(c -> c.id().equals(courtId)).findFirst();
    }

    void append(TaskId task, String actor, String action, Map<String, Object> details) {
        audit.append(new AuditRecord(task.auditChain(), actor, action, "task:" + task, null, null, details));
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
