package org.serveline.server.statistics.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads tasks and attempts row by row (the driver streams with a fetch size), so an export of any length never
 * holds more than a batch in memory.
 */
@Component
public class FactRows {

    private static final String TASKS = """
            SELECT t.id, t.court_id, t.case_number, t.party_name, t.party_role, t.state, t.hearing_date, t.created_at,
                   (SELECT MIN(a.occurred_at) FROM audit_event a
                     WHERE a.chain_key = CONCAT('task:', t.id) AND a.action = 'TASK_APPROVE') AS approved_at,
                   (SELECT MIN(c.created_at) FROM call_attempt c WHERE c.task_id = t.id) AS first_call_at,
                   (SELECT COUNT(*) FROM call_attempt c WHERE c.task_id = t.id) AS attempts,
                   s.occurred_at AS served_at,
                   COALESCE(JSON_VALUE(s.details, '$.channel'), s.before_state) AS served_channel,
                   JSON_VALUE(s.details, '$.serviceDate') AS service_date
              FROM service_task t
              LEFT JOIN audit_event s ON s.chain_key = CONCAT('task:', t.id) AND s.after_state = 'SERVED'
             WHERE t.created_at >= :from AND t.created_at < :until AND (:court IS NULL OR t.court_id = :court)
             ORDER BY t.created_at, t.id""";

    private static final String ATTEMPTS = """
            SELECT a.id, a.task_id, t.court_id, t.case_number, a.number_e164, a.campaign_id, a.operator, a.created_at,
                   a.answered_at, a.ended_at, COALESCE(a.outcome, a.state) AS outcome, a.consent_digit,
                   a.decision_offset_ms, a.script_version, r.sha256
              FROM call_attempt a
              JOIN service_task t ON t.id = a.task_id
              LEFT JOIN recording r ON r.attempt_id = a.id
             WHERE a.created_at >= :from AND a.created_at < :until AND (:court IS NULL OR t.court_id = :court)
             ORDER BY a.created_at, a.id""";

    private final NamedParameterJdbcTemplate jdbc;

    FactRows(DataSource dataSource) {
        JdbcTemplate template = new JdbcTemplate(dataSource);
        template.setFetchSize(500);
        this.jdbc = new NamedParameterJdbcTemplate(template);
    }

    /** Tasks submitted in [from, until), of one court or all, oldest first. */
    public void tasks(String court, Instant from, Instant until, Consumer<TaskFacts> each) {
        jdbc.query(TASKS, params(court, from, until), (ResultSet rs) -> {
            each.accept(new TaskFacts(rs.getLong("id"), rs.getString("court_id"), rs.getString("case_number"),
                    rs.getString("party_name"), rs.getString("party_role"), rs.getString("state"),
                    rs.getDate("hearing_date") == null ? null : rs.getDate("hearing_date").toLocalDate(),
                    instant(rs, "created_at"), instant(rs, "approved_at"), instant(rs, "first_call_at"),
                    rs.getLong("attempts"), instant(rs, "served_at"), rs.getString("served_channel"),
                    rs.getString("service_date")));
        });
    }

    /** Attempts made in [from, until) for tasks of one court or all, oldest first. */
    public void attempts(String court, Instant from, Instant until, Consumer<AttemptFacts> each) {
        jdbc.query(ATTEMPTS, params(court, from, until), (ResultSet rs) -> {
            long offset = rs.getLong("decision_offset_ms");
            Long decisionOffset = rs.wasNull() ? null : offset;
            long campaign = rs.getLong("campaign_id");
            Long campaignId = rs.wasNull() ? null : campaign;
            each.accept(new AttemptFacts(rs.getString("id"), rs.getLong("task_id"), rs.getString("court_id"),
                    rs.getString("case_number"), rs.getString("number_e164"), campaignId, rs.getString("operator"),
                    instant(rs, "created_at"), instant(rs, "answered_at"), instant(rs, "ended_at"),
                    rs.getString("outcome"), rs.getString("consent_digit"), decisionOffset,
                    rs.getString("script_version"), rs.getString("sha256")));
        });
    }

    private static MapSqlParameterSource params(String court, Instant from, Instant until) {
        return new MapSqlParameterSource().addValue("court", court).addValue("from", Timestamp.from(from))
                .addValue("until", Timestamp.from(until));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}
