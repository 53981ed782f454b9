package org.serveline.server.call;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.serveline.server.support.MultiRow;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Writes attempts as they stand in memory, a batch with one statement. */
final class AttemptRows {

    /** What an event may change; the identity of an attempt (task, number, trunk, creation …) never changes. */
    private static final List<String> CHANGING = List.of("state", "network_outcome", "outcome", "outcome_evidence",
            "notice_result", "consent_digit", "decision_offset_ms", "hangup_offset_ms", "notice_ended_offset_ms",
            "question_offset_ms", "notice_played", "script_version", "mobile_number", "answered_at",
            "operator_answered_at", "ended_at", "hangup_cause", "settled_by");

    private AttemptRows() {
    }

    /**
     * Saves the changing columns of attempts whose rows exist and are locked by this transaction: an upsert that only
     * ever updates (every key exists), the identity columns given only because an insert's row must be complete.
     */
    static void update(JdbcClient jdbc, List<CallAttempt> attempts) {
        SequencedMap<String, Function<CallAttempt, Object>> columns = new LinkedHashMap<>();
        columns.put("id", CallAttempt::id);
        columns.put("task_id", CallAttempt::taskId);
        columns.put("pbx_id", CallAttempt::pbxId);
        columns.put("trunk", CallAttempt::trunk);
        columns.put("number_e164", CallAttempt::number);
        columns.put("node", CallAttempt::node);
        columns.put("created_at", a -> ts(a.createdAt()));
        columns.put("state", a -> a.state().name());
        // an ended call without a network outcome was answered (stored as ANSWERED, read back as null): only the
        // PBX's end sets ended_at on an attempt still open, settleStale writes its own
        columns.put("network_outcome", a -> a.networkOutcome() != null ? a.networkOutcome().name()
                : a.endedAt() != null ? "ANSWERED" : null);
        columns.put("outcome", a -> a.outcome() == null ? null : a.outcome().name());
        columns.put("outcome_evidence", CallAttempt::outcomeEvidence);
        columns.put("notice_result", CallAttempt::noticeResult);
        columns.put("consent_digit", CallAttempt::consentDigit);
        columns.put("decision_offset_ms", a -> millis(a.decisionOffset()));
        columns.put("hangup_offset_ms", a -> millis(a.notice().hangupOffset()));
        columns.put("notice_ended_offset_ms", a -> millis(a.notice().endedOffset()));
        columns.put("question_offset_ms", a -> millis(a.notice().questionOffset()));
        columns.put("notice_played", a -> a.notice().played().isEmpty() ? null : played(a.notice().played()));
        columns.put("script_version", CallAttempt::scriptVersion);
        columns.put("mobile_number", CallAttempt::mobileNumber);
        columns.put("answered_at", a -> ts(a.answeredAt()));
        columns.put("operator_answered_at", a -> ts(a.operatorAnsweredAt()));
        columns.put("ended_at", a -> ts(a.endedAt()));
        columns.put("hangup_cause", CallAttempt::hangupCause);
        columns.put("settled_by", CallAttempt::settledBy);
        MultiRow rows = MultiRow.of(attempts, columns);
        jdbc.sql("INSERT INTO call_attempt (" + String.join(", ", columns.keySet()) + ") VALUES " + rows.values()
                        + " ON DUPLICATE KEY UPDATE " + CHANGING.stream().map(c -> c + " = VALUES(" + c + ")")
                        .collect(Collectors.joining(", ")))
                .params(rows.params()).update();
    }

    /** The played segments, space-separated, at most 2,000 characters (the oldest dropped first, marked by "…"). */
    static String played(List<String> segments) {
        String all = String.join(" ", segments);
        return all.length() <= 2000 ? all : "… " + all.substring(all.length() - 1990);
    }

    private static Long millis(Duration offset) {
        return offset == null ? null : offset.toMillis();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
