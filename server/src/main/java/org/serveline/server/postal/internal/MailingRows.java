package org.serveline.server.postal.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.serveline.server.postal.Mailing;
import org.serveline.server.postal.MailingStatus;
import org.serveline.server.postal.ReturnReason;
import org.serveline.server.postal.SignerRelation;
import org.serveline.server.postal.TrackingEvent;
import org.serveline.server.postal.TrackingNumber;
import org.serveline.server.task.TaskId;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The SQL of the postal feature: mailings, their tracking events, webhook deliveries seen. */
public final class MailingRows {

    private static final String SELECT = """
            SELECT id, task_id, court_id, recipient, address, tracking_number, status, signer, signer_relation,
                   signed_at, return_reason, returned_at, next_check_at, failures, last_error, created_at
              FROM postal_mailing""";

    private final JdbcClient jdbc;

    public MailingRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(TaskId task, String court, String recipient, String address, MailingStatus status,
            Instant nextCheck, Instant now) {
        jdbc.sql("""
                INSERT INTO postal_mailing (task_id, court_id, recipient, address, status, next_check_at, created_at,
                                            updated_at)
                VALUES (:task, :court, :recipient, :address, :status, :next, :now, :now)""")
                .param("task", task.value()).param("court", court).param("recipient", recipient)
                .param("address", address).param("status", status.name()).param("next", ts(nextCheck))
                .param("now", ts(now)).update();
        return jdbc.sql("SELECT id FROM postal_mailing WHERE task_id = :task").param("task", task.value())
                .query(Long.class).single();
    }

    public Optional<Mailing> byTask(TaskId task, boolean lock) {
        return one(SELECT + " WHERE task_id = :key" + (lock ? " FOR UPDATE" : ""), task.value());
    }

    public Optional<Mailing> byId(long id, boolean lock) {
        return one(SELECT + " WHERE id = :key" + (lock ? " FOR UPDATE" : ""), id);
    }

    public Optional<Mailing> byTrackingNumber(TrackingNumber number, boolean lock) {
        return one(SELECT + " WHERE tracking_number = :key" + (lock ? " FOR UPDATE" : ""), number.value());
    }

    private Optional<Mailing> one(String sql, Object key) {
        return jdbc.sql(sql).param("key", key).query(MailingRows::mailing).optional()
                .map(m -> m.withHistory(history(m.id())));
    }

    public List<Mailing.RecordedEvent> history(long mailing) {
        return jdbc.sql("""
                SELECT event_id, status, occurred_at, location, source, recorded_at FROM postal_tracking_event
                 WHERE mailing_id = :id ORDER BY occurred_at, recorded_at""").param("id", mailing)
                .query((rs, n) -> new Mailing.RecordedEvent(rs.getString(1), MailingStatus.valueOf(rs.getString(2)),
                        instant(rs, 3), rs.getString(4), rs.getString(5), instant(rs, 6)))
                .list();
    }

    /** Claims due mailings (open, check time passed, not leased by a live node) for {@code owner}. */
    public List<Long> claimDue(Collection<MailingStatus> statuses, String owner, int limit, Instant now,
            Instant leaseUntil) {
        List<Long> ids = jdbc.sql("""
                SELECT id FROM postal_mailing
                 WHERE status IN (:statuses) AND next_check_at <= :now AND (lease_until IS NULL OR lease_until < :now)
                 ORDER BY next_check_at LIMIT :limit FOR UPDATE SKIP LOCKED""")
                .param("statuses", statuses.stream().map(Enum::name).toList()).param("now", ts(now))
                .param("limit", limit).query(Long.class).list();
        if (!ids.isEmpty()) {
            jdbc.sql("UPDATE postal_mailing SET lease_owner = :owner, lease_until = :until WHERE id IN (:ids)")
                    .param("owner", owner).param("until", ts(leaseUntil)).param("ids", ids).update();
        }
        return ids;
    }

    /** After a check: when to look again (null: never), the failure count and error, the lease released. */
    public void checked(long id, Instant next, int failures, String error, Instant now) {
        jdbc.sql("""
                UPDATE postal_mailing SET next_check_at = :next, failures = :failures, last_error = :error,
                       lease_owner = NULL, lease_until = NULL, updated_at = :now WHERE id = :id""")
                .param("next", ts(next)).param("failures", failures)
                .param("error", error == null ? null : error.substring(0, Math.min(500, error.length())))
                .param("now", ts(now)).param("id", id).update();
    }

    public void booked(long id, TrackingNumber number, Instant now) {
        jdbc.sql("""
                UPDATE postal_mailing SET tracking_number = :number, status = 'ACCEPTED', next_check_at = :now, lease_owner = NULL, lease_until = NULL,
                       failures = 0, last_error = NULL, updated_at = :now WHERE id = :id""")
                .param("number", number.value()).param("now", ts(now)).param("id", id).update();
    }

    public boolean trackingNumberTaken(TrackingNumber number) {
        return jdbc.sql("SELECT COUNT(*) FROM postal_mailing WHERE tracking_number = :n").param("n", number.value())
                .query(Long.class).single() > 0;
    }

    /** Records a tracking event once; false when the mailing already has an event with that id. */
    public boolean recordEvent(long mailing, TrackingEvent event, String source, Instant now) {
        return jdbc.sql("""
                INSERT IGNORE INTO postal_tracking_event (mailing_id, event_id, status, occurred_at, location, source,
                                                          recorded_at)
                VALUES (:mailing, :event, :status, :at, :location, :source, :now)""")
                .param("mailing", mailing).param("event", event.eventId()).param("status", event.status().name())
                .param("at", ts(event.at())).param("location", event.location()).param("source", source)
                .param("now", ts(now)).update() == 1;
    }

    public void status(long id, MailingStatus status, Instant now) {
        jdbc.sql("UPDATE postal_mailing SET status = :status, updated_at = :now WHERE id = :id")
                .param("status", status.name()).param("now", ts(now)).param("id", id).update();
    }

    public void signed(long id, TrackingEvent.Signed signed, Instant now) {
        jdbc.sql("""
                UPDATE postal_mailing SET status = 'SIGNED', signer = :signer, signer_relation = :relation,
                       signed_at = :at, next_check_at = NULL, updated_at = :now WHERE id = :id""")
                .param("signer", signed.signer()).param("relation", signed.relation().name())
                .param("at", ts(signed.at())).param("now", ts(now)).param("id", id).update();
    }

    public void returned(long id, TrackingEvent.Returned returned, Instant now) {
        jdbc.sql("""
                UPDATE postal_mailing SET status = 'RETURNED', return_reason = :reason, returned_at = :at,
                       next_check_at = NULL, updated_at = :now WHERE id = :id""")
                .param("reason", returned.reason().name()).param("at", ts(returned.at())).param("now", ts(now))
                .param("id", id).update();
    }

    /** Stores a webhook delivery id; false when it was seen before (a replay). */
    public boolean firstDelivery(String deliveryId, Instant sentAt, Instant now) {
        return jdbc.sql("""
                INSERT IGNORE INTO postal_webhook_delivery (delivery_id, sent_at, received_at)
                VALUES (:id, :sent, :now)""")
                .param("id", deliveryId).param("sent", ts(sentAt)).param("now", ts(now)).update() == 1;
    }

    private static Mailing mailing(ResultSet rs, int n) throws SQLException {
        String number = rs.getString("tracking_number");
        String relation = rs.getString("signer_relation");
        String reason = rs.getString("return_reason");
        return new Mailing(rs.getLong("id"), new TaskId(rs.getLong("task_id")), rs.getString("court_id"),
                rs.getString("recipient"), rs.getString("address"), number == null ? null : new TrackingNumber(number),
                MailingStatus.valueOf(rs.getString("status")), rs.getString("signer"),
                relation == null ? null : SignerRelation.valueOf(relation), instant(rs, "signed_at"),
                reason == null ? null : ReturnReason.valueOf(reason), instant(rs, "returned_at"),
                instant(rs, "next_check_at"), rs.getInt("failures"), rs.getString("last_error"),
                instant(rs, "created_at"), List.of());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
