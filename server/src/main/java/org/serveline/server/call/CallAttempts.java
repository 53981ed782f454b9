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
        jdbc.sql("""
                UPDATE call_attempt SET state = 'ANSWERED', answered_at = COALESCE(answered_at, :party),
                       operator_answered_at = COALESCE(operator_answered_at, :operator)
                 WHERE id = :id AND state <> 'ENDED'""")
                .param("party", ts(partyAnsweredAt)).param("operator", ts(operatorAnsweredAt))
                .param("id", attemptId).update();
    }

    /**
     * The PBX reports the call over (its last channel hung up). An unanswered call, a machine and a PBX failure
     * settle at once; an answered call settles once the notice (or the operator) has reported too.
     */
    @Transactional
    public void recordCallEnded(CallEnded ended) {
        lock(ended.attemptId()).ifPresent(attempt -> {
            if (attempt.state() == AttemptState.ENDED) {
                return;
            }
            boolean answered = ended.answered() || ended.operatorAnsweredAt() != null;
            AttemptState state = answered ? AttemptState.ANSWERED : attempt.state();
            jdbc.sql("""
                    UPDATE call_attempt SET network_outcome = :outcome, answered_at = :answered,
                           operator_answered_at = :operator, ended_at = :ended, hangup_cause = :cause,
                           outcome_evidence = :evidence, state = :state WHERE id = :id""")
                    .param("state", state.name())
                    .param("outcome", ended.outcome() == null ? "ANSWERED" : ended.outcome().name())
                    .param("answered", ts(ended.answeredAt())).param("operator", ts(ended.operatorAnsweredAt()))
                    .param("ended", ts(ended.endedAt())).param("cause", ended.hangupCause())
                    .param("evidence", truncate(ended.evidence())).param("id", ended.attemptId()).update();
            CallAttempt now = attempt.withCallEnded(state, ended, micros(ended.answeredAt()),
                    micros(ended.operatorAnsweredAt()), micros(ended.endedAt()), truncate(ended.evidence()));
            if (ended.outcome() == CallOutcome.ANSWERING_MACHINE || ended.outcome() == CallOutcome.PBX_FAILURE) {
                settle(now, CallAttempt.decided(ended.outcome(), now.noticeResult()), "call");
            } else if (!ended.answered()) {
                settle(now, ended.outcome() == null ? CallOutcome.FAILED : ended.outcome(), "call");
            } else if (now.noticeResult() != null) {
                settle(now, CallAttempt.decided(ended.outcome(), now.noticeResult()), "call");
            }
        });
    }

    @Transactional
    public void recordNoticeHeard(NoticeHeard heard) {
        lock(heard.attemptId()).ifPresent(attempt -> {
            if (attempt.state() == AttemptState.ENDED || attempt.noticeResult() != null) {
                return;
            }
            Instant at = now();
            jdbc.sql("""
                    UPDATE call_attempt SET notice_result = :result, consent_digit = :digit,
                           decision_offset_ms = :offset, hangup_offset_ms = :hangup, notice_ended_offset_ms = :ended,
                           question_offset_ms = :question, notice_played = :played,
                           script_version = :script, mobile_number = :mobile,
                           state = 'ANSWERED', answered_at = COALESCE(answered_at, :now) WHERE id = :id""")
                    .param("result", heard.outcome().name()).param("digit", heard.digit())
                    .param("offset", millis(heard.decisionOffset())).param("hangup", millis(heard.hangupOffset()))
                    .param("ended", millis(heard.noticeEnded())).param("question", millis(heard.questionStarted()))
                    .param("played", heard.played().isEmpty() ? null : played(heard.played()))
                    .param("script", heard.scriptVersion()).param("mobile", heard.mobileNumber())
                    .param("now", Timestamp.from(at)).param("id", heard.attemptId()).update();
            CallAttempt now = attempt.withNotice(heard, at);
            audit.append(new AuditRecord("task:" + now.taskId(), "ivr", "NOTICE_" + heard.outcome().name(),
                    "attempt:" + now.id(), null, null, noticeEvidence(now, heard.detail())));
            if (now.endedAt() != null) {
                settle(now, CallAttempt.decided(now.networkOutcome(), heard.outcome().name()), "notice");
            }
        });
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
        Map<String, Object> evidence = noticeEvidence(settled, settled.outcomeEvidence());
        evidence.put("outcome", outcome.name());
        evidence.put("settledBy", by);
        audit.append(new AuditRecord("task:" + settled.taskId(), "dialer", "CALL_" + outcome.name(),
                "attempt:" + settled.id(), AttemptState.DIALING.name(), AttemptState.ENDED.name(), evidence));
        events.publishEvent(new CallAttemptSettled(settled));
    }

    private static Map<String, Object> noticeEvidence(CallAttempt attempt, String detail) {
        Map<String, Object> evidence = attempt.evidence();
        if (detail != null) {
            evidence.put("detail", detail);
        }
        return evidence;
    }

    private Optional<CallAttempt> lock(String id) {
        return jdbc.sql(SELECT + " WHERE id = :id FOR UPDATE").param("id", id).query(CallAttempts::map).optional();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static Long millis(Duration offset) {
        return offset == null ? null : offset.toMillis();
    }

    /** The played segments, space-separated, at most 2,000 characters (the oldest dropped first, marked by "…"). */
    private static String played(List<String> segments) {
        String all = String.join(" ", segments);
        return all.length() <= 2000 ? all : "… " + all.substring(all.length() - 1990);
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
