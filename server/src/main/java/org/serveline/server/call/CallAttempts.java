package org.serveline.server.call;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.serveline.server.audit.AuditRecord;
import org.serveline.server.audit.AuditTrail;
import org.serveline.server.support.MultiRow;
import org.serveline.server.task.TaskAttemptHistory;
import org.serveline.server.task.TaskId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The durable record of every dial. A row is written DIALING and committed before the Originate leaves; the
 * network result ({@link CallEnded}) and the notice result ({@link NoticeHeard}) arrive in either order and
 * the attempt settles exactly once, when it has what it needs, publishing {@link CallAttemptSettled}.
 *
 * <p>Reads of one statement run without a transaction of their own (they join the caller's if there is one): on
 * MariaDB a read-only transaction costs five more round trips than the statement itself.
 */
@Service
public class CallAttempts implements TaskAttemptHistory {

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CallAttempts(JdbcClient jdbc, AuditTrail audit, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** What a new attempt is: who is dialled, through which PBX trunk, from which node and campaign. */
    public record NewAttempt(long taskId, Long campaignId, String operator, String pbxId, String trunk, String number,
            String node, String actor) {
    }

    @Transactional
    public CallAttempt open(NewAttempt spec) {
        return openAll(List.of(spec)).getFirst();
    }

    /**
     * Opens a batch of attempts with one multi-row insert and one batch of audit events; as {@link #open}, the
     * rows are DIALING and must commit before any Originate leaves.
     */
    @Transactional
    public List<CallAttempt> openAll(List<NewAttempt> specs) {
        if (specs.isEmpty()) {
            return List.of();
        }
        Instant now = now();
        List<CallAttempt> opened = specs.stream().map(spec -> new CallAttempt(UUID.randomUUID().toString(),
                spec.taskId(), spec.campaignId(), spec.operator(), spec.pbxId(), spec.trunk(), spec.number(),
                spec.node(), AttemptState.DIALING, null, null, null, null, null, null, CallAttempt.NoticeOffsets.NONE,
                null, null, now, null, null, null, null, null)).toList();
        SequencedMap<String, Function<CallAttempt, Object>> columns = new LinkedHashMap<>();
        columns.put("id", CallAttempt::id);
        columns.put("task", CallAttempt::taskId);
        columns.put("campaign", CallAttempt::campaignId);
        columns.put("operator", CallAttempt::operator);
        columns.put("pbx", CallAttempt::pbxId);
        columns.put("trunk", CallAttempt::trunk);
        columns.put("number", CallAttempt::number);
        columns.put("node", CallAttempt::node);
        columns.put("state", a -> a.state().name());
        columns.put("at", a -> Timestamp.from(a.createdAt()));
        MultiRow rows = MultiRow.of(opened, columns);
        jdbc.sql("""
                INSERT INTO call_attempt (id, task_id, campaign_id, operator, pbx_id, trunk, number_e164, node, state,
                                          created_at)
                VALUES\s""" + rows.values()).params(rows.params()).update();
        List<AuditRecord> records = new ArrayList<>();
        for (int i = 0; i < opened.size(); i++) {
            records.add(dialing(opened.get(i), specs.get(i).actor()));
        }
        audit.appendAll(records);
        return opened;
    }

    private static AuditRecord dialing(CallAttempt attempt, String actor) {
        return new AuditRecord("task:" + attempt.taskId(), actor, "CALL_DIALING", "attempt:" + attempt.id(), null,
                AttemptState.DIALING.name(), Map.of("attemptId", attempt.id(), "number", attempt.number(),
                        "pbx", attempt.pbxId(), "trunk", attempt.trunk(), "node", attempt.node()));
    }

    /**
     * The PBX reports the call answered and live: the attempt shows ANSWERED with the party's (and, on an operator
     * call, the operator's) answer time while it lasts. Never overrides what is already recorded; an ended attempt
     * is left alone.
     */
    @Transactional
    public void recordAnswered(String attemptId, Instant partyAnsweredAt, Instant operatorAnsweredAt) {
        recordAll(List.of(new CallAnswered(attemptId, partyAnsweredAt, operatorAnsweredAt)));
    }

    /**
     * The PBX reports the call over (its last channel hung up). An unanswered call, a machine and a PBX failure
     * settle at once; an answered call settles once the notice (or the operator) has reported too.
     */
    @Transactional
    public void recordCallEnded(CallEnded ended) {
        recordAll(List.of(ended));
    }

    /** The notice (or the operator) reports its result; the attempt settles if its call has ended. */
    @Transactional
    public void recordNoticeHeard(NoticeHeard heard) {
        recordAll(List.of(heard));
    }

    /**
     * Applies a batch of events, in order, in one transaction: every attempt they name is locked with one query,
     * the events applied in memory (each attempt settles exactly once, when it has what it needs), the changed rows
     * written with one statement, their audit events appended together before anything acts on them, and then
     * {@link CallAttemptSettled} published for each settled attempt and {@link CallAttemptsSettled} for them all.
     * Events for unknown or already ended attempts change nothing.
     */
    @Transactional
    public void recordAll(List<? extends AttemptEvent> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Map<String, CallAttempt> current = lockAll(batch.stream().map(AttemptEvent::attemptId).distinct().toList());
        Map<String, CallAttempt> changed = new LinkedHashMap<>();
        List<AuditRecord> records = new ArrayList<>();
        List<CallAttempt> settled = new ArrayList<>();
        Instant at = now();
        for (AttemptEvent event : batch) {
            CallAttempt attempt = current.get(event.attemptId());
            if (attempt == null || attempt.state() == AttemptState.ENDED) {
                continue;
            }
            CallAttempt next = switch (event) {
                case CallAnswered answered -> attempt.withAnswered(micros(answered.partyAnsweredAt()),
                        micros(answered.operatorAnsweredAt()));
                case CallEnded ended -> ended(attempt, ended, records, settled);
                case NoticeHeard heard -> heard(attempt, heard, at, records, settled);
            };
            if (next != attempt) {
                current.put(next.id(), next);
                changed.put(next.id(), next);
            }
        }
        if (changed.isEmpty()) {
            return;
        }
        AttemptRows.update(jdbc, List.copyOf(changed.values()));
        audit.appendAll(records);
        settled.forEach(attempt -> events.publishEvent(new CallAttemptSettled(attempt)));
        if (!settled.isEmpty()) {
            events.publishEvent(new CallAttemptsSettled(settled));
        }
    }

    private CallAttempt ended(CallAttempt attempt, CallEnded ended, List<AuditRecord> records,
            List<CallAttempt> settled) {
        boolean answered = ended.answered() || ended.operatorAnsweredAt() != null;
        AttemptState state = answered ? AttemptState.ANSWERED : attempt.state();
        CallAttempt now = attempt.withCallEnded(state, ended, micros(ended.answeredAt()),
                micros(ended.operatorAnsweredAt()), micros(ended.endedAt()), truncate(ended.evidence()));
        if (ended.outcome() == CallOutcome.ANSWERING_MACHINE || ended.outcome() == CallOutcome.PBX_FAILURE) {
            return settled(now, CallAttempt.decided(ended.outcome(), now.noticeResult()), "call", records, settled);
        } else if (!ended.answered()) {
            return settled(now, ended.outcome() == null ? CallOutcome.FAILED : ended.outcome(), "call", records,
                    settled);
        } else if (now.noticeResult() != null) {
            return settled(now, CallAttempt.decided(ended.outcome(), now.noticeResult()), "call", records, settled);
        }
        return now;
    }

    private CallAttempt heard(CallAttempt attempt, NoticeHeard heard, Instant at, List<AuditRecord> records,
            List<CallAttempt> settled) {
        if (attempt.noticeResult() != null) {
            return attempt;
        }
        CallAttempt now = attempt.withNotice(heard, at);
        records.add(new AuditRecord("task:" + now.taskId(), "ivr", "NOTICE_" + heard.outcome().name(),
                "attempt:" + now.id(), null, null, noticeEvidence(now, heard.detail())));
        if (now.endedAt() != null) {
            return settled(now, CallAttempt.decided(now.networkOutcome(), heard.outcome().name()), "notice", records,
                    settled);
        }
        return now;
    }

    private static CallAttempt settled(CallAttempt attempt, CallOutcome outcome, String by, List<AuditRecord> records,
            List<CallAttempt> settled) {
        CallAttempt done = attempt.settled(outcome, by);
        records.add(settledRecord(done));
        settled.add(done);
        return done;
    }

    /**
     * Settles an attempt whose other half never came: answered calls without a notice result after
     * {@code grace}, and attempts the PBX no longer knows ({@code reason} names which).
     */
    @Transactional
    public boolean settleStale(String attemptId, CallOutcome outcome, String reason) {
        return lock(attemptId).filter(a -> a.state() != AttemptState.ENDED).map(a -> {
            Instant at = now();
            jdbc.sql("UPDATE call_attempt SET ended_at = COALESCE(ended_at, :now), outcome_evidence = :why WHERE id = :id")
                    .param("now", Timestamp.from(at)).param("why", truncate(reason)).param("id", attemptId).update();
            settle(a.withEnd(at, truncate(reason)), outcome, "reconcile");
            return true;
        }).orElse(false);
    }

    /**
     * Settles an attempt the PBX no longer has, from its row as it stands under the lock: the party's keyed
     * answer if it was heard, else the network outcome (an answered call without a notice result counts as no
     * response), else FAILED.
     */
    @Transactional
    public boolean settleLost(String attemptId, String reason) {
        return lock(attemptId).filter(a -> a.state() != AttemptState.ENDED)
                .map(a -> settleStale(attemptId, a.lostOutcome(), reason)).orElse(false);
    }

    /** Attempts, on any node, not ENDED and created before {@code before}. */
    public List<CallAttempt> unsettledBefore(Instant before) {
        return jdbc.sql(SELECT + " WHERE state <> 'ENDED' AND created_at <= :before")
                .param("before", Timestamp.from(before)).query(CallAttempts::map).list();
    }

    /** Answered attempts whose call ended more than {@code grace} ago but whose notice never reported. */
    public List<CallAttempt> awaitingNotice(Duration grace) {
        return jdbc.sql(SELECT + " WHERE state <> 'ENDED' AND ended_at IS NOT NULL AND ended_at < :cutoff")
                .param("cutoff", Timestamp.from(now().minus(grace))).query(CallAttempts::map).list();
    }

    public Optional<CallAttempt> find(String id) {
        return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(CallAttempts::map).optional();
    }

    public List<CallAttempt> forTask(long taskId) {
        return jdbc.sql(SELECT + " WHERE task_id = :task ORDER BY created_at, id").param("task", taskId)
                .query(CallAttempts::map).list();
    }

    /** The attempts of each of these tasks, oldest first (tasks without attempts are absent). */
    public Map<Long, List<CallAttempt>> forTasks(Collection<Long> taskIds) {
        if (taskIds.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql(SELECT + " WHERE task_id IN (:tasks) ORDER BY created_at, id").param("tasks", taskIds)
                .query(CallAttempts::map).list().stream()
                .collect(Collectors.groupingBy(CallAttempt::taskId, Collectors.toList()));
    }

    @Override
    public List<CallAttempt> attemptsOf(TaskId task) {
        return forTask(task.value());
    }

    public int liveInCampaign(long campaignId) {
        return jdbc.sql("SELECT COUNT(*) FROM call_attempt WHERE campaign_id = :id AND state <> 'ENDED'")
                .param("id", campaignId).query(Integer.class).single();
    }

    /** Live attempts (not ENDED) per PBX and trunk, across every node sharing the database. */
    public Map<String, Integer> liveByTrunk() {
        Map<String, Integer> live = new HashMap<>();
        jdbc.sql("SELECT pbx_id, trunk, COUNT(*) FROM call_attempt WHERE state <> 'ENDED' GROUP BY pbx_id, trunk")
                .query(rs -> {
                    live.put(rs.getString(1) + "/" + rs.getString(2), rs.getInt(3));
                });
        return live;
    }

    private void settle(CallAttempt attempt, CallOutcome outcome, String by) {
        jdbc.sql("UPDATE call_attempt SET state = 'ENDED', outcome = :outcome, settled_by = :by WHERE id = :id")
                .param("outcome", outcome.name()).param("by", by).param("id", attempt.id()).update();
        CallAttempt settled = attempt.settled(outcome, by);
        audit.append(settledRecord(settled));
        events.publishEvent(new CallAttemptSettled(settled));
        events.publishEvent(new CallAttemptsSettled(List.of(settled)));
    }

    private static AuditRecord settledRecord(CallAttempt settled) {
        Map<String, Object> evidence = noticeEvidence(settled, settled.outcomeEvidence());
        evidence.put("outcome", settled.outcome().name());
        evidence.put("settledBy", settled.settledBy());
        return new AuditRecord("task:" + settled.taskId(), "dialer", "CALL_" + settled.outcome().name(),
                "attempt:" + settled.id(), AttemptState.DIALING.name(), AttemptState.ENDED.name(), evidence);
    }

    private static Map<String, Object> noticeEvidence(CallAttempt attempt, String detail) {
        Map<String, Object> evidence = attempt.evidence();
        if (detail != null) {
            evidence.put("detail", detail);
        }
        return evidence;
    }

    /** The attempts with these ids that exist, locked until the transaction ends (in key order). */
    private Map<String, CallAttempt> lockAll(List<String> ids) {
        Map<String, CallAttempt> locked = new HashMap<>();
        jdbc.sql(SELECT + " WHERE id IN (:ids) ORDER BY id FOR UPDATE").param("ids", ids).query(CallAttempts::map)
                .list().forEach(attempt -> locked.put(attempt.id(), attempt));
        return locked;
    }

    private Optional<CallAttempt> lock(String id) {
        return jdbc.sql(SELECT + " WHERE id = :id FOR UPDATE").param("id", id).query(CallAttempts::map).optional();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static Duration offset(ResultSet rs, String column) throws SQLException {
        long ms = rs.getLong(column);
        return rs.wasNull() ? null : Duration.ofMillis(ms);
    }

    private static Instant micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant.truncatedTo(ChronoUnit.MICROS));
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 500);
    }

    private static final String SELECT = """
            SELECT id, task_id, campaign_id, operator, pbx_id, trunk, number_e164, node, state, network_outcome,
                   outcome, outcome_evidence, notice_result, consent_digit, decision_offset_ms, hangup_offset_ms,
                   notice_ended_offset_ms, question_offset_ms, notice_played, script_version,
                   mobile_number, created_at, answered_at, ended_at, settled_by, operator_answered_at,
                   hangup_cause FROM call_attempt""";

    private static CallAttempt map(ResultSet rs, int row) throws SQLException {
        String played = rs.getString("notice_played");
        CallAttempt.NoticeOffsets notice = new CallAttempt.NoticeOffsets(offset(rs, "hangup_offset_ms"),
                offset(rs, "notice_ended_offset_ms"), offset(rs, "question_offset_ms"),
                played == null ? List.of() : List.of(played.split(" ")));
        return new CallAttempt(rs.getString("id"), rs.getLong("task_id"), (Long) rs.getObject("campaign_id", Long.class),
                rs.getString("operator"), rs.getString("pbx_id"), rs.getString("trunk"), rs.getString("number_e164"),
                rs.getString("node"), AttemptState.valueOf(rs.getString("state")),
                outcome(rs.getString("network_outcome")), outcome(rs.getString("outcome")),
                rs.getString("outcome_evidence"), rs.getString("notice_result"), rs.getString("consent_digit"),
                offset(rs, "decision_offset_ms"), notice, rs.getString("script_version"), rs.getString("mobile_number"),
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("answered_at")),
                instant(rs.getTimestamp("ended_at")), rs.getString("settled_by"),
                instant(rs.getTimestamp("operator_answered_at")), (Integer) rs.getObject("hangup_cause", Integer.class));
    }

    private static CallOutcome outcome(String value) {
        return value == null || value.equals("ANSWERED") ? null : CallOutcome.valueOf(value);
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
