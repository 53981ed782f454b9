package org.serveline.server.delivery;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.serveline.server.audit.AuditRecord;
import org.serveline.server.audit.AuditTrail;
import org.serveline.server.delivery.OutboxMessage.Kind;
import org.serveline.server.delivery.OutboxMessage.State;
import org.serveline.server.support.Sha256;
import org.serveline.server.task.TaskId;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The outbox table: messages written in the transaction of the change that calls for them, claimed by any node with
 * {@code FOR UPDATE SKIP LOCKED} and a lease, and settled once. Also the SMS segments the SMSC accepted and its
 * receipts. Every step a party could ask about is an audit event on the task's chain.
 */
@Component
class Outbox {

    private static final String SELECT = "SELECT id, task_id, channel, kind, address, subject, body, attempts "
            + "FROM delivery_outbox";
    static final RowMapper<OutboxMessage> MAPPER = (rs, n) -> new OutboxMessage(rs.getLong(1),
            new TaskId(rs.getLong(2)), Medium.valueOf(rs.getString(3)), Kind.valueOf(rs.getString(4)),
            rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8));

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;

    Outbox(JdbcClient jdbc, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** Writes a message in the caller's transaction; it leaves only after that commits. */
    @Transactional
    public long queue(TaskId task, Kind kind, String address, String subject, String body) {
        Instant now = now();
        Medium medium = Medium.of(address);
        String sha = Sha256.hex(body);
        jdbc.sql("""
                INSERT INTO delivery_outbox (task_id, channel, kind, address, subject, body, body_sha256, state,
                                             attempts, next_attempt_at, created_at)
                VALUES (:task, :channel, :kind, :address, :subject, :body, :sha, 'PENDING', 0, :now, :now)""")
                .param("task", task.value()).param("channel", medium.name()).param("kind", kind.name())
                .param("address", address).param("subject", subject).param("body", body).param("sha", sha)
                .param("now", Timestamp.from(now)).update();
        long id = jdbc.sql("SELECT LAST_INSERT_ID()").query(Long.class).single();
        // before the transaction commits, with its other deferred audit events (one append for a settle batch)
        audit.appendBeforeCommit(new AuditRecord(task.auditChain(), "system", "DELIVERY_QUEUED", "task:" + task, null,
                null, Map.of("message", id, "medium", medium.name(), "kind", kind.name(), "address", address,
                        "bodySha256", sha)));
        return id;
    }

    /**
     * Whether a message of this medium may be due (one plain read, no transaction): an idle worker asks this on
     * every tick instead of opening a claiming transaction (six statements with its isolation and autocommit).
     */
    public boolean anyDue(Medium medium) {
        Timestamp now = Timestamp.from(now());
        return !jdbc.sql("""
                SELECT 1 FROM delivery_outbox
                 WHERE state = 'PENDING' AND channel = :channel AND next_attempt_at <= :now
                   AND (lease_until IS NULL OR lease_until < :now) LIMIT 1""")
                .param("channel", medium.name()).param("now", now).query(Integer.class).list().isEmpty();
    }

    /** Claims due messages of one medium for this node. */
    @Transactional(isolation = Isolation.READ_COMMITTED)
    public List<OutboxMessage> claim(Medium medium, String owner, int limit, Duration lease) {
        if (limit <= 0) {
            return List.of();
        }
        Instant now = now();
        // the rows themselves, locked (one read), then the lease (one update): two statements for any batch
        List<OutboxMessage> claimed = jdbc.sql(SELECT + " " + """
                 WHERE state = 'PENDING' AND channel = :channel AND next_attempt_at <= :now
                   AND (lease_until IS NULL OR lease_until < :now)
                 ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED""")
                .param("channel", medium.name()).param("now", Timestamp.from(now)).param("limit", limit)
                .query(MAPPER).list();
        if (claimed.isEmpty()) {
            return List.of();
        }
        jdbc.sql("UPDATE delivery_outbox SET lease_owner = :owner, lease_until = :until WHERE id IN (:ids)")
                .param("owner", owner).param("until", Timestamp.from(now.plus(lease)))
                .param("ids", claimed.stream().map(OutboxMessage::id).toList()).update();
        return claimed;
    }

    /** The segments of an SMS the SMSC has already accepted: number → SMSC message id. */
    public Map<Integer, String> segments(long message) {
        Map<Integer, String> segments = new HashMap<>();
        jdbc.sql("SELECT seq, smsc_message_id FROM sms_segment WHERE outbox_id = :id").param("id", message)
                .query(rs -> {
                    segments.put(rs.getInt(1), rs.getString(2));
                });
        return segments;
    }

    /** Segments the SMSC accepted (number → its message id), in one statement. */
    @Transactional
    public void segmentsAccepted(long message, Map<Integer, String> segments) {
        if (segments.isEmpty()) {
            return;
        }
        StringBuilder values = new StringBuilder();
        Map<String, Object> params = new HashMap<>();
        params.put("id", message);
        params.put("now", Timestamp.from(now()));
        for (Map.Entry<Integer, String> segment : segments.entrySet()) {
            int seq = segment.getKey();
            values.append(values.isEmpty() ? "" : ", ").append("(:id, :seq").append(seq).append(", :smsc").append(seq)
                    .append(", :now)");
            params.put("seq" + seq, seq);
            params.put("smsc" + seq, segment.getValue());
        }
        jdbc.sql("INSERT INTO sms_segment (outbox_id, seq, smsc_message_id, submitted_at) VALUES " + values)
                .params(params).update();
    }

    /** A transient failure: back to PENDING after {@code delay}, or FAILED once the attempts are used up. */
    @Transactional
    public boolean retry(OutboxMessage message, String error, Duration delay, int maxAttempts) {
        boolean last = message.attempts() + 1 >= maxAttempts;
        jdbc.sql("""
                UPDATE delivery_outbox SET attempts = attempts + 1, last_error = :error, next_attempt_at = :next,
                       state = :state, lease_owner = NULL, lease_until = NULL
                 WHERE id = :id AND state = 'PENDING'""")
                .param("error", clip(error, 500)).param("next", Timestamp.from(now().plus(delay)))
                .param("state", last ? State.FAILED.name() : State.PENDING.name()).param("id", message.id()).update();
        record(message.taskId(), "DELIVERY_RETRY_SCHEDULED", Map.of("message", message.id(), "error", clip(error, 500),
                "attempt", message.attempts() + 1, "nextAttemptAt", now().plus(delay).toString(), "givenUp", last));
        return !last;
    }

    /** Settles a message DELIVERED or FAILED (under its row lock, see {@link #lock}); the code leaves the database. */
    @Transactional
    public void settle(OutboxMessage message, State state, String reply, String error) {
        jdbc.sql("""
                UPDATE delivery_outbox SET state = :state, body = NULL, settled_at = :now,
                       gateway_reply = COALESCE(:reply, gateway_reply), last_error = COALESCE(:error, last_error),
                       attempts = CASE WHEN sent_at IS NULL THEN attempts + 1 ELSE attempts END,
                       lease_owner = NULL, lease_until = NULL
                 WHERE id = :id""")
                .param("state", state.name()).param("now", Timestamp.from(now())).param("reply", clip(reply, 1000))
                .param("error", clip(error, 500)).param("id", message.id()).update();
    }

    /** Locks a message's row and tells its state (the row mutex for settling). */
    @Transactional
    public Optional<Locked> lock(long id) {
        return jdbc.sql("SELECT id, task_id, channel, kind, address, subject, body, attempts, state FROM delivery_outbox "
                        + "WHERE id = :id FOR UPDATE").param("id", id)
                .query((rs, n) -> new Locked(MAPPER.mapRow(rs, n), State.valueOf(rs.getString(9)))).optional();
    }

    record Locked(OutboxMessage message, State state) {
    }

    record SegmentReceipt(int seq, String smscMessageId, String stat, Instant doneAt, String text) {
    }

    /** The task's NOTICE messages and their states, oldest first. */
    public List<Locked> notices(TaskId task) {
        return jdbc.sql("SELECT id, task_id, channel, kind, address, subject, body, attempts, state FROM delivery_outbox "
                        + "WHERE task_id = :task AND kind = 'NOTICE' ORDER BY id").param("task", task.value())
                .query((rs, n) -> new Locked(MAPPER.mapRow(rs, n), State.valueOf(rs.getString(9)))).list();
    }

    /** The gateway reply stored for a message (SMSC ids or the SMTP reply). */
    public Optional<String> reply(long message) {
        return jdbc.sql("SELECT gateway_reply FROM delivery_outbox WHERE id = :id").param("id", message)
                .query(String.class).optional();
    }

    /**
     * SMS messages whose every segment has a receipt but which are still SENT: a receipt and the segment rows that
     * name it were committed by two transactions at the same moment, and neither saw the other.
     */
    public List<Long> answeredButOpen(int limit) {
        return jdbc.sql("""
                SELECT o.id FROM delivery_outbox o
                 WHERE o.state = 'SENT' AND o.channel = 'SMS'
                   AND NOT EXISTS (SELECT 1 FROM sms_segment s
                                     LEFT JOIN sms_receipt r ON r.smsc_message_id = s.smsc_message_id
                                    WHERE s.outbox_id = o.id AND r.smsc_message_id IS NULL)
                 ORDER BY o.id LIMIT :limit""").param("limit", limit).query(Long.class).list();
    }

    /** SMS messages the SMSC accepted before {@code before} and never reported on. */
    public List<Long> sentWithoutReceipt(Instant before, int limit) {
        return jdbc.sql("SELECT id FROM delivery_outbox WHERE state = 'SENT' AND sent_at < :before ORDER BY id LIMIT :limit")
                .param("before", Timestamp.from(before)).param("limit", limit).query(Long.class).list();
    }

    /** Messages still waiting for a gateway, per medium (health). */
    public long pending(Medium medium) {
        return jdbc.sql("SELECT COUNT(*) FROM delivery_outbox WHERE state = 'PENDING' AND channel = :channel")
                .param("channel", medium.name()).query(Long.class).single();
    }

    /** Pending messages of a task that a reissued code makes useless: they never leave. */
    @Transactional
    public int supersede(TaskId task) {
        return jdbc.sql("UPDATE delivery_outbox SET state = 'SUPERSEDED', body = NULL, settled_at = :now "
                        + "WHERE task_id = :task AND state = 'PENDING' AND (lease_until IS NULL OR lease_until < :now)")
                .param("now", Timestamp.from(now())).param("task", task.value()).update();
    }

    void record(TaskId task, String action, Map<String, Object> details) {
        audit.append(new AuditRecord(task.auditChain(), "system", action, "task:" + task, null, null, details));
    }

    static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

}
