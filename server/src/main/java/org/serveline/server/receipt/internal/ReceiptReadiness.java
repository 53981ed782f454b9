package org.serveline.server.receipt.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which tasks a receipt can be issued for now, decided for many tasks in one read and without a transaction, so that
 * only those get one: not served (yet), issued already, or waiting for the consent call's recording (the same rule
 * as {@link ReceiptEvidence#gather}: the task's last consent names an attempt whose recording is not stored, and the
 * recording wait since SERVED has not run out). Only a hint: issuing decides again under the task's lock.
 */
@Component
public class ReceiptReadiness {

    /** Where a task stands for its receipt. */
    public enum Status { NOT_SERVED, ISSUED, WAITS_FOR_RECORDING, READY }

    /** A task's status; {@code servedAt} null when not served. */
    public record Check(long taskId, Status status, Instant servedAt) {

        public boolean ready() {
            return status == Status.READY;
        }
    }

    private static final String SELECT = """
            SELECT x.id, x.state, x.issued, x.consented, x.served_at,
                   EXISTS (SELECT 1 FROM recording g WHERE g.attempt_id = x.attempt AND g.part = 1) AS recorded
              FROM (SELECT t.id, t.state,
                           EXISTS (SELECT 1 FROM receipt r WHERE r.task_id = t.id) AS issued,
                           EXISTS (SELECT 1 FROM audit_event e WHERE e.chain_key = CONCAT('task:', t.id)
                                      AND e.action = 'TASK_CONSENT_CAPTURED') AS consented,
                           (SELECT JSON_VALUE(e.details, '$.attemptId') FROM audit_event e
                             WHERE e.chain_key = CONCAT('task:', t.id) AND e.action = 'TASK_CONSENT_CAPTURED'
                             ORDER BY e.seq DESC LIMIT 1) AS attempt,
                           (SELECT MAX(e.occurred_at) FROM audit_event e
                             WHERE e.chain_key = CONCAT('task:', t.id) AND e.after_state = 'SERVED') AS served_at
                      FROM service_task t WHERE %s) x
             ORDER BY x.id""";

    private final JdbcClient jdbc;

    ReceiptReadiness(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The status of each of these tasks that exists, in id order. */
    public List<Check> of(Collection<Long> ids, Duration recordingWait, Instant now) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT.formatted("t.id IN (:ids)")).param("ids", ids)
                .query((rs, n) -> check(rs, recordingWait, now)).list();
    }

    /** Served tasks without a receipt after {@code afterId}, in id order, at most {@code limit}, with their status. */
    public List<Check> servedWithoutReceipt(long afterId, int limit, Duration recordingWait, Instant now) {
        return jdbc.sql(SELECT.formatted("""
                t.state = 'SERVED' AND t.id > :after
                AND NOT EXISTS (SELECT 1 FROM receipt r WHERE r.task_id = t.id) ORDER BY t.id LIMIT :limit"""))
                .param("after", afterId).param("limit", limit)
                .query((rs, n) -> check(rs, recordingWait, now)).list();
    }

    private static Check check(ResultSet rs, Duration recordingWait, Instant now) throws SQLException {
        long id = rs.getLong("id");
        Timestamp served = rs.getTimestamp("served_at");
        Instant servedAt = served == null ? null : served.toInstant();
        if (!"SERVED".equals(rs.getString("state"))) {
            return new Check(id, Status.NOT_SERVED, null);
        }
        if (rs.getBoolean("issued")) {
            return new Check(id, Status.ISSUED, servedAt);
        }
        boolean waits = rs.getBoolean("consented") && !rs.getBoolean("recorded") && servedAt != null
                && now.isBefore(servedAt.plus(recordingWait));
        return new Check(id, waits ? Status.WAITS_FOR_RECORDING : Status.READY, servedAt);
    }
}
