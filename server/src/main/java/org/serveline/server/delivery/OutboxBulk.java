package org.serveline.server.delivery;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.function.Function;
import org.serveline.server.audit.AuditRecord;
import org.serveline.server.audit.AuditTrail;
import org.serveline.server.delivery.Outbox.Locked;
import org.serveline.server.delivery.Outbox.SegmentReceipt;
import org.serveline.server.delivery.OutboxMessage.State;
import org.serveline.server.delivery.internal.ReceiptText;
import org.serveline.server.support.MultiRow;
import org.serveline.server.task.TaskId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The outbox's statements for many messages at once (the SMSC's pace: hundreds of messages and receipts a second):
 * the segments and SENT state of a batch of sent messages, a batch of receipts, and the rows, receipts and final
 * state of a batch of messages being settled — each a few statements whatever the batch's size. Audit events of a
 * batch go through {@link AuditTrail#appendAll}.
 */
@Component
class OutboxBulk {

    /** An SMS whose every segment the SMSC accepted; {@code segments}: those accepted by this attempt. */
    record Sent(OutboxMessage message, Map<Integer, String> segments, String reply) {
    }

    private record SegmentRow(long message, int seq, String smscId) {
    }

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;

    OutboxBulk(JdbcClient jdbc, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Records sent messages in one transaction: their segments (one insert), SENT with their gateway replies and
     * the code gone from the database (one update; a message no longer PENDING is left alone), their audit events.
     */
    @Transactional
    public void sent(List<Sent> batch) {
        Timestamp now = Timestamp.from(now());
        List<SegmentRow> segments = batch.stream().flatMap(s -> s.segments().entrySet().stream()
                .map(e -> new SegmentRow(s.message().id(), e.getKey(), e.getValue()))).toList();
        if (!segments.isEmpty()) {
            SequencedMap<String, Function<SegmentRow, Object>> columns = new LinkedHashMap<>();
            columns.put("o", SegmentRow::message);
            columns.put("q", SegmentRow::seq);
            columns.put("m", SegmentRow::smscId);
            columns.put("t", r -> now);
            MultiRow rows = MultiRow.of(segments, columns);
            jdbc.sql("INSERT INTO sms_segment (outbox_id, seq, smsc_message_id, submitted_at) VALUES " + rows.values())
                    .params(rows.params()).update();
        }
        StringBuilder replies = new StringBuilder("CASE id");
        Map<String, Object> params = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            replies.append(" WHEN :id").append(i).append(" THEN :reply").append(i);
            params.put("id" + i, batch.get(i).message().id());
            params.put("reply" + i, Outbox.clip(batch.get(i).reply(), 1000));
        }
        params.put("ids", batch.stream().map(s -> s.message().id()).toList());
        params.put("now", now);
        jdbc.sql("UPDATE delivery_outbox SET state = 'SENT', body = NULL, attempts = attempts + 1, sent_at = :now, "
                        + "gateway_reply = " + replies + " END, lease_owner = NULL, lease_until = NULL, last_error = NULL "
                        + "WHERE id IN (:ids) AND state = 'PENDING'")
                .params(params).update();
        audit.appendAll(batch.stream().map(s -> record(s.message().taskId(), "DELIVERY_SENT", Map.of(
                "message", s.message().id(), "medium", s.message().medium().name(), "kind", s.message().kind().name(),
                "address", s.message().address(), "gatewayReply", Outbox.clip(s.reply(), 1000)))).toList());
    }

    /**
     * Stores SMSC receipts (each once: a resent receipt changes nothing) in one insert, and names the messages they
     * belong to as far as their segment rows are committed.
     */
    @Transactional
    public List<Long> receipts(List<ReceiptText> receipts) {
        Timestamp now = Timestamp.from(now());
        SequencedMap<String, Function<ReceiptText, Object>> columns = new LinkedHashMap<>();
        columns.put("m", ReceiptText::messageId);
        columns.put("s", ReceiptText::stat);
        columns.put("d", r -> r.doneAt() == null ? null : Timestamp.from(r.doneAt()));
        columns.put("e", ReceiptText::error);
        columns.put("x", r -> Outbox.clip(r.raw(), 500));
        columns.put("t", r -> now);
        MultiRow rows = MultiRow.of(receipts, columns);
        jdbc.sql("INSERT IGNORE INTO sms_receipt (smsc_message_id, stat, done_at, error_code, receipt_text, received_at) "
                + "VALUES " + rows.values()).params(rows.params()).update();
        return jdbc.sql("SELECT DISTINCT outbox_id FROM sms_segment WHERE smsc_message_id IN (:ids)")
                .param("ids", receipts.stream().map(ReceiptText::messageId).distinct().toList())
                .query(Long.class).list();
    }

    /** Locks the rows of these messages (in id order, the order every settler locks them in) and tells their states. */
    List<Locked> lock(Collection<Long> ids) {
        return jdbc.sql("SELECT id, task_id, channel, kind, address, subject, body, attempts, state FROM delivery_outbox "
                        + "WHERE id IN (:ids) ORDER BY id FOR UPDATE").param("ids", ids)
                .query((rs, n) -> new Locked(Outbox.MAPPER.mapRow(rs, n), State.valueOf(rs.getString(9)))).list();
    }

    /** Each accepted segment of these messages with its receipt, if one came, per message in segment order. */
    Map<Long, List<SegmentReceipt>> receiptsOf(Collection<Long> ids) {
        Map<Long, List<SegmentReceipt>> byMessage = new HashMap<>();
        jdbc.sql("""
                SELECT s.outbox_id, s.seq, s.smsc_message_id, r.stat, r.done_at, r.receipt_text
                  FROM sms_segment s LEFT JOIN sms_receipt r ON r.smsc_message_id = s.smsc_message_id
                 WHERE s.outbox_id IN (:ids) ORDER BY s.outbox_id, s.seq""").param("ids", ids)
                .query(rs -> {
                    byMessage.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new SegmentReceipt(
                            rs.getInt(2), rs.getString(3), rs.getString(4),
                            rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant(), rs.getString(6)));
                });
        return byMessage;
    }

    /** Settles these (locked, SENT) messages DELIVERED in one update; the code leaves the database. */
    void delivered(Collection<Long> ids) {
        jdbc.sql("UPDATE delivery_outbox SET state = 'DELIVERED', body = NULL, settled_at = :now, lease_owner = NULL, "
                        + "lease_until = NULL WHERE id IN (:ids)")
                .param("now", Timestamp.from(now())).param("ids", ids).update();
    }

    void recordAll(List<AuditRecord> records) {
        audit.appendAll(records);
    }

    static AuditRecord record(TaskId task, String action, Map<String, Object> details) {
        return new AuditRecord(task.auditChain(), "system", action, "task:" + task, null, null, details);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
