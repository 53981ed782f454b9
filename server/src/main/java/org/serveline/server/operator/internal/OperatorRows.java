package org.serveline.server.operator.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The operator feature's tables (V4): sessions, the queue of transferred tasks, agreed call-backs. */
@Repository
public class OperatorRows {

    private final JdbcClient jdbc;

    OperatorRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A signed-in operator. */
    public record Session(String username, String endpoint, Instant signedInAt, Long currentTaskId) {
    }

    /** A task waiting for an operator because its party asked for one. */
    public record Queued(long taskId, String attemptId, Instant queuedAt, String takenBy) {
    }

    public Optional<Session> session(String username) {
        return jdbc.sql("SELECT username, endpoint, signed_in_at, current_task_id FROM operator_session WHERE username = :u")
                .param("u", username).query((rs, n) -> new Session(rs.getString(1), rs.getString(2),
                        rs.getTimestamp(3).toInstant(), (Long) rs.getObject(4, Long.class))).optional();
    }

    public List<Session> sessions() {
        return jdbc.sql("SELECT username, endpoint, signed_in_at, current_task_id FROM operator_session ORDER BY username")
                .query((rs, n) -> new Session(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        (Long) rs.getObject(4, Long.class))).list();
    }

    public Optional<String> sessionHoldingEndpoint(String endpoint) {
        return jdbc.sql("SELECT username FROM operator_session WHERE endpoint = :e").param("e", endpoint)
                .query(String.class).optional();
    }

    public void signIn(String username, String endpoint, Instant at) {
        jdbc.sql("""
                INSERT INTO operator_session (username, endpoint, signed_in_at) VALUES (:u, :e, :at)
                ON DUPLICATE KEY UPDATE endpoint = VALUES(endpoint), signed_in_at = VALUES(signed_in_at)""")
                .param("u", username).param("e", endpoint).param("at", ts(at)).update();
    }

    public void signOut(String username) {
        jdbc.sql("DELETE FROM operator_session WHERE username = :u").param("u", username).update();
    }

    public void currentTask(String username, Long taskId) {
        jdbc.sql("UPDATE operator_session SET current_task_id = :t WHERE username = :u").param("t", taskId)
                .param("u", username).update();
    }

    /** Locks the task row for the rest of the transaction (serialises "call" on one task). */
    public void lockTask(long taskId) {
        jdbc.sql("SELECT id FROM service_task WHERE id = :id FOR UPDATE").param("id", taskId).query(Long.class).optional();
    }

    /** Who holds the task's lease right now, if anyone. */
    public Optional<String> leaseOwner(long taskId, Instant now) {
        return jdbc.sql("SELECT lease_owner FROM service_task WHERE id = :id AND lease_until >= :now")
                .param("id", taskId).param("now", ts(now)).query(String.class).optional();
    }

    /**
     * Takes the oldest waiting queue entry whose task is still on the phone, unleased and not mid-call, and
     * leases the task to {@code owner}; skips rows other nodes hold.
     */
    public Optional<Queued> takeQueued(String owner, String username, Instant now, Duration lease) {
        Optional<Queued> next = jdbc.sql("""
                SELECT q.task_id, q.attempt_id, q.queued_at, q.taken_by FROM operator_queue q
                  JOIN service_task t ON t.id = q.task_id
                 WHERE q.taken_by IS NULL AND t.state = 'PHONE' AND (t.lease_until IS NULL OR t.lease_until < :now)
                   AND NOT EXISTS (SELECT 1 FROM call_attempt a WHERE a.task_id = t.id AND a.state <> 'ENDED')
                 ORDER BY q.queued_at, q.task_id LIMIT 1 FOR UPDATE SKIP LOCKED""")
                .param("now", ts(now)).query((rs, n) -> new Queued(rs.getLong(1), rs.getString(2),
                        rs.getTimestamp(3).toInstant(), rs.getString(4))).optional();
        next.ifPresent(q -> {
            jdbc.sql("UPDATE service_task SET lease_owner = :o, lease_until = :until WHERE id = :id")
                    .param("o", owner).param("until", ts(now.plus(lease))).param("id", q.taskId()).update();
            jdbc.sql("UPDATE operator_queue SET taken_by = :u, taken_at = :now WHERE task_id = :id")
                    .param("u", username).param("now", ts(now)).param("id", q.taskId()).update();
        });
        return next;
    }

    /**
     * Takes this task's waiting queue entry, as {@link #takeQueued} takes the oldest one; empty when it is not waiting
     * (taken by another operator meanwhile, not queued, mid-call or leased). Waits for a row another taker holds, so
     * of two operators taking the same party one gets it and the other finds it taken.
     */
    public Optional<Queued> takeQueuedTask(long taskId, String owner, String username, Instant now, Duration lease) {
        Optional<Queued> wanted = jdbc.sql("""
                SELECT q.task_id, q.attempt_id, q.queued_at, q.taken_by FROM operator_queue q
                  JOIN service_task t ON t.id = q.task_id
                 WHERE q.task_id = :id AND q.taken_by IS NULL AND t.state = 'PHONE'
                   AND (t.lease_until IS NULL OR t.lease_until < :now)
                   AND NOT EXISTS (SELECT 1 FROM call_attempt a WHERE a.task_id = t.id AND a.state <> 'ENDED')
                 FOR UPDATE""")
                .param("id", taskId).param("now", ts(now)).query((rs, n) -> new Queued(rs.getLong(1), rs.getString(2),
                        rs.getTimestamp(3).toInstant(), rs.getString(4))).optional();
        wanted.ifPresent(q -> {
            jdbc.sql("UPDATE service_task SET lease_owner = :o, lease_until = :until WHERE id = :id")
                    .param("o", owner).param("until", ts(now.plus(lease))).param("id", q.taskId()).update();
            jdbc.sql("UPDATE operator_queue SET taken_by = :u, taken_at = :now WHERE task_id = :id")
                    .param("u", username).param("now", ts(now)).param("id", q.taskId()).update();
        });
        return wanted;
    }

    /** This task's queue entry, waiting or taken, if it has one. */
    public Optional<Queued> queued(long taskId) {
        return jdbc.sql("SELECT task_id, attempt_id, queued_at, taken_by FROM operator_queue WHERE task_id = :t")
                .param("t", taskId).query((rs, n) -> new Queued(rs.getLong(1), rs.getString(2),
                        rs.getTimestamp(3).toInstant(), rs.getString(4))).optional();
    }

    /** A party waiting in the queue as the screen names them: the task's case and the party's name. */
    public record Waiting(long taskId, String attemptId, String caseNumber, String partyName, Instant queuedAt) {
    }

    public List<Waiting> waitingParties(int limit) {
        return jdbc.sql("""
                SELECT q.task_id, q.attempt_id, t.case_number, t.party_name, q.queued_at FROM operator_queue q
                  JOIN service_task t ON t.id = q.task_id
                 WHERE q.taken_by IS NULL AND t.state = 'PHONE' ORDER BY q.queued_at, q.task_id LIMIT :limit""")
                .param("limit", limit).query((rs, n) -> new Waiting(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getTimestamp(5).toInstant())).list();
    }

    public void enqueue(long taskId, String attemptId, Instant at) {
        jdbc.sql("""
                INSERT INTO operator_queue (task_id, attempt_id, queued_at) VALUES (:t, :a, :at)
                ON DUPLICATE KEY UPDATE attempt_id = VALUES(attempt_id), queued_at = VALUES(queued_at),
                                        taken_by = NULL, taken_at = NULL""")
                .param("t", taskId).param("a", attemptId).param("at", ts(at)).update();
    }

    /** The queue entry an operator took for this task, if that is how they got it. */
    public Optional<Queued> queuedTakenBy(long taskId, String username) {
        return jdbc.sql("SELECT task_id, attempt_id, queued_at, taken_by FROM operator_queue WHERE task_id = :t AND taken_by = :u")
                .param("t", taskId).param("u", username).query((rs, n) -> new Queued(rs.getLong(1), rs.getString(2),
                        rs.getTimestamp(3).toInstant(), rs.getString(4))).optional();
    }

    public void callBack(String attemptId, long taskId, Instant at, String by, Instant now) {
        jdbc.sql("""
                INSERT INTO operator_callback (attempt_id, task_id, call_at, set_by, set_at) VALUES (:a, :t, :at, :by, :now)
                ON DUPLICATE KEY UPDATE call_at = VALUES(call_at), set_by = VALUES(set_by), set_at = VALUES(set_at)""")
                .param("a", attemptId).param("t", taskId).param("at", ts(at)).param("by", by).param("now", ts(now))
                .update();
    }

    public Optional<Instant> callBackFor(String attemptId) {
        return jdbc.sql("SELECT call_at FROM operator_callback WHERE attempt_id = :a").param("a", attemptId)
                .query(Timestamp.class).optional().map(Timestamp::toInstant);
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
