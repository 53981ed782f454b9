package org.serveline.server.publicnotice.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.serveline.server.publicnotice.PublicNotice;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The SQL of public notices, their outbox and the periods staff set per task. */
public final class NoticeRows {

    private static final String SELECT = """
            SELECT id, task_id, court_id, court_name, case_number, party_name, title, body, period, time_zone,
                   published_at, elapses_at, service_day, status, elapsed_at
              FROM public_notice""";

    private final JdbcClient jdbc;

    public NoticeRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(PublicNotice n) {
        jdbc.sql("""
                INSERT INTO public_notice (task_id, court_id, court_name, case_number, party_name, title, body, period,
                                           time_zone, published_at, elapses_at, service_day, status)
                VALUES (:task, :court, :courtName, :caseNumber, :party, :title, :body, :period, :zone, :published,
                        :elapses, :day, 'PUBLISHED')""")
                .param("task", n.taskId()).param("court", n.courtId()).param("courtName", n.courtName())
                .param("caseNumber", n.caseNumber()).param("party", n.partyName()).param("title", n.title())
                .param("body", n.body()).param("period", n.period()).param("zone", n.timeZone().getId())
                .param("published", ts(n.publishedAt())).param("elapses", ts(n.elapsesAt()))
                .param("day", n.serviceDay()).update();
        long id = jdbc.sql("SELECT id FROM public_notice WHERE task_id = :task").param("task", n.taskId())
                .query(Long.class).single();
        jdbc.sql("INSERT INTO public_notice_outbox (notice_id, status, next_try_at) VALUES (:id, 'PENDING', :at)")
                .param("id", id).param("at", ts(n.publishedAt())).update();
        return id;
    }

    public Optional<PublicNotice> byId(long id) {
        return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(NoticeRows::notice).optional();
    }

    public Optional<PublicNotice> byTask(long task, boolean lock) {
        return jdbc.sql(SELECT + " WHERE task_id = :task" + (lock ? " FOR UPDATE" : "")).param("task", task)
                .query(NoticeRows::notice).optional();
    }

    /** The next due notice, locked; notices another node holds are skipped. */
    public Optional<PublicNotice> lockNextDue(Instant now) {
        return jdbc.sql(SELECT + " WHERE status = 'PUBLISHED' AND elapses_at <= :now ORDER BY elapses_at LIMIT 1"
                        + " FOR UPDATE SKIP LOCKED")
                .param("now", ts(now)).query(NoticeRows::notice).optional();
    }

    public void status(long id, PublicNotice.Status status, Instant at) {
        jdbc.sql("UPDATE public_notice SET status = :status, elapsed_at = :at WHERE id = :id")
                .param("status", status.name()).param("at", ts(at)).param("id", id).update();
    }

    /** Notices for the public page: running ones, and those that ended since {@code since}; newest first. */
    public List<PublicNotice> visible(String court, Instant since, int limit) {
        return jdbc.sql(SELECT + "\n" + """
                 WHERE (status = 'PUBLISHED' OR (status = 'ELAPSED' AND elapsed_at >= :since))
                   AND (:court IS NULL OR court_id = :court)
                 ORDER BY published_at DESC, id DESC LIMIT :limit""")
                .param("since", ts(since)).param("court", court).param("limit", limit)
                .query(NoticeRows::notice).list();
    }

    public Optional<String> periodOf(long task) {
        return jdbc.sql("SELECT period FROM public_notice_period WHERE task_id = :task").param("task", task)
                .query(String.class).optional();
    }

    public void setPeriod(long task, String period, String reason, String actor, Instant now) {
        jdbc.sql("""
                INSERT INTO public_notice_period (task_id, period, reason, set_by, set_at)
                VALUES (:task, :period, :reason, :actor, :now)
                ON DUPLICATE KEY UPDATE period = VALUES(period), reason = VALUES(reason), set_by = VALUES(set_by),
                                        set_at = VALUES(set_at)""")
                .param("task", task).param("period", period).param("reason", reason).param("actor", actor)
                .param("now", ts(now)).update();
    }

    /** Claims due outbox rows for {@code owner} until {@code leaseUntil}. */
    public List<Long> claimOutbox(String owner, int limit, Instant now, Instant leaseUntil) {
        List<Long> ids = jdbc.sql("""
                SELECT notice_id FROM public_notice_outbox
                 WHERE status = 'PENDING' AND next_try_at <= :now AND (lease_until IS NULL OR lease_until < :now)
                 ORDER BY next_try_at LIMIT :limit FOR UPDATE SKIP LOCKED""")
                .param("now", ts(now)).param("limit", limit).query(Long.class).list();
        if (!ids.isEmpty()) {
            jdbc.sql("UPDATE public_notice_outbox SET lease_owner = :owner, lease_until = :until WHERE notice_id IN (:ids)")
                    .param("owner", owner).param("until", ts(leaseUntil)).param("ids", ids).update();
        }
        return ids;
    }

    public int outboxAttempts(long notice) {
        return jdbc.sql("SELECT attempts FROM public_notice_outbox WHERE notice_id = :id").param("id", notice)
                .query(Integer.class).single();
    }

    public void outboxSent(long notice, String reference, Instant now) {
        jdbc.sql("""
                UPDATE public_notice_outbox SET status = 'SENT', sent_at = :now, reference = :ref, attempts = attempts + 1,
                       last_error = NULL, lease_owner = NULL, lease_until = NULL WHERE notice_id = :id""")
                .param("now", ts(now)).param("ref", reference).param("id", notice).update();
    }

    public void outboxFailed(long notice, String error, Instant next) {
        jdbc.sql("""
                UPDATE public_notice_outbox SET attempts = attempts + 1, last_error = :error, next_try_at = :next,
                       lease_owner = NULL, lease_until = NULL WHERE notice_id = :id""")
                .param("error", error.substring(0, Math.min(500, error.length()))).param("next", ts(next))
                .param("id", notice).update();
    }

    /** The outbox row's status (PENDING or SENT) and bulletin reference. */
    public Optional<String[]> outbox(long notice) {
        return jdbc.sql("SELECT status, reference FROM public_notice_outbox WHERE notice_id = :id").param("id", notice)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).optional();
    }

    private static PublicNotice notice(ResultSet rs, int n) throws SQLException {
        Timestamp elapsed = rs.getTimestamp("elapsed_at");
        return new PublicNotice(rs.getLong("id"), rs.getLong("task_id"), rs.getString("court_id"),
                rs.getString("court_name"), rs.getString("case_number"), rs.getString("party_name"),
                rs.getString("title"), rs.getString("body"), rs.getString("period"), ZoneId.of(rs.getString("time_zone")),
                rs.getTimestamp("published_at").toInstant(), rs.getTimestamp("elapses_at").toInstant(),
                rs.getObject("service_day", LocalDate.class), PublicNotice.Status.valueOf(rs.getString("status")),
                elapsed == null ? null : elapsed.toInstant());
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
