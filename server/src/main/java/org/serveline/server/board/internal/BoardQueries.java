package org.serveline.server.board.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The board's reads of the shared database (call attempts, tasks, the operators' queue), shaped for the board and
 * nothing else; read-only. Live calls use the {@code ix_attempt_live (state, pbx_id, trunk)} index.
 */
@Repository
public class BoardQueries {

    /** At most this many live calls are listed one by one (the counts are always complete). */
    public static final int LISTED_CALLS = 200;

    private final JdbcClient jdbc;

    BoardQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Calls live on one trunk of one PBX. */
    public record TrunkCount(String pbx, String trunk, int live) {
    }

    /** A live call: its attempt, task and what the notice heard so far. */
    public record LiveCall(String attemptId, long taskId, String caseNumber, String partyName, String pbx,
            String trunk, String state, String operator, Long campaignId, Instant createdAt, Instant answeredAt,
            String noticeResult, List<String> noticePlayed) {
    }

    /** A party waiting in the operators' queue. */
    public record Queued(long taskId, String attemptId, String caseNumber, String partyName, Instant queuedAt,
            List<String> noticePlayed) {
    }

    /** A campaign's attempt figures. */
    public record CampaignFigures(long tasksDialled, long tasksDone, long answered, long consented, long inFlight) {

        public static final CampaignFigures NONE = new CampaignFigures(0, 0, 0, 0, 0);
    }

    private static final String LIVE = "a.state IN ('DIALING', 'ANSWERED') AND a.ended_at IS NULL";

    public List<TrunkCount> liveByTrunk() {
        return jdbc.sql("SELECT a.pbx_id, a.trunk, COUNT(*) FROM call_attempt a WHERE " + LIVE
                + " GROUP BY a.pbx_id, a.trunk ORDER BY a.pbx_id, a.trunk")
                .query((rs, n) -> new TrunkCount(rs.getString(1), rs.getString(2), rs.getInt(3))).list();
    }

    public List<LiveCall> liveCalls() {
        return jdbc.sql("""
                SELECT a.id, a.task_id, t.case_number, t.party_name, a.pbx_id, a.trunk, a.state, a.operator,
                       a.campaign_id, a.created_at, a.answered_at, a.notice_result, a.notice_played
                  FROM call_attempt a JOIN service_task t ON t.id = a.task_id
                 WHERE\s""" + LIVE + " ORDER BY a.created_at, a.id LIMIT " + LISTED_CALLS)
                .query((rs, n) -> new LiveCall(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        (Long) rs.getObject(9, Long.class), instant(rs, 10), instant(rs, 11), rs.getString(12),
                        played(rs.getString(13)))).list();
    }

    /** A task an operator holds: its case and party. */
    public record Held(long taskId, String caseNumber, String partyName) {
    }

    /** The case and party of the tasks the operators hold. */
    public Map<Long, Held> held(List<Long> taskIds) {
        Map<Long, Held> held = new HashMap<>();
        if (taskIds.isEmpty()) {
            return held;
        }
        jdbc.sql("SELECT id, case_number, party_name FROM service_task WHERE id IN (:ids)").param("ids", taskIds)
                .query(rs -> {
                    held.put(rs.getLong(1), new Held(rs.getLong(1), rs.getString(2), rs.getString(3)));
                });
        return held;
    }

    /** The parties waiting for an operator, oldest first, with the notice their automated call played. */
    public List<Queued> queued(int limit) {
        return jdbc.sql("""
                SELECT q.task_id, q.attempt_id, t.case_number, t.party_name, q.queued_at, a.notice_played
                  FROM operator_queue q JOIN service_task t ON t.id = q.task_id
                  LEFT JOIN call_attempt a ON a.id = q.attempt_id
                 WHERE q.taken_by IS NULL AND t.state = 'PHONE' ORDER BY q.queued_at, q.task_id LIMIT :limit""")
                .param("limit", limit)
                .query((rs, n) -> new Queued(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        instant(rs, 5), played(rs.getString(6)))).list();
    }

    /** Per campaign: tasks dialled and done (left the phone), attempts answered, consented, in flight. */
    public Map<Long, CampaignFigures> campaignFigures(List<Long> campaignIds) {
        Map<Long, CampaignFigures> figures = new HashMap<>();
        if (campaignIds.isEmpty()) {
            return figures;
        }
        jdbc.sql("""
                SELECT a.campaign_id, COUNT(DISTINCT a.task_id),
                       COUNT(DISTINCT CASE WHEN t.state NOT IN ('APPROVED', 'PHONE') THEN a.task_id END),
                       SUM(a.answered_at IS NOT NULL), SUM(a.outcome = 'CONSENTED'),
                       SUM(a.state IN ('DIALING', 'ANSWERED') AND a.ended_at IS NULL)
                  FROM call_attempt a JOIN service_task t ON t.id = a.task_id
                 WHERE a.campaign_id IN (:ids) GROUP BY a.campaign_id""")
                .param("ids", campaignIds)
                .query(rs -> {
                    figures.put(rs.getLong(1), new CampaignFigures(rs.getLong(2), rs.getLong(3), rs.getLong(4),
                            rs.getLong(5), rs.getLong(6)));
                });
        return figures;
    }

    /** Tasks on or waiting for the phone that a campaign with this filter may still dial and has not dialled yet. */
    public long campaignWaiting(long campaignId, String courtId, String caseType) {
        StringBuilder sql = new StringBuilder("""
                SELECT COUNT(*) FROM service_task t WHERE t.state IN ('APPROVED', 'PHONE')
                   AND NOT EXISTS (SELECT 1 FROM call_attempt a WHERE a.task_id = t.id AND a.campaign_id = :id)""");
        Map<String, Object> params = new HashMap<>();
        params.put("id", campaignId);
        if (courtId != null) {
            sql.append(" AND t.court_id = :court");
            params.put("court", courtId);
        }
        if (caseType != null) {
            sql.append(" AND t.case_number LIKE :caseType"); // as the dialer's claim matches it (TaskLeases)
            params.put("caseType", "%" + caseType + "%");
        }
        return jdbc.sql(sql.toString()).params(params).query(Long.class).single();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }

    /** The played segments as stored ("greeting@0.000s+4.009s case@4.009s+6.000s!0"), one by one. */
    static List<String> played(String stored) {
        return stored == null || stored.isBlank() ? List.of() : Arrays.asList(stored.trim().split("\\s+"));
    }
}
