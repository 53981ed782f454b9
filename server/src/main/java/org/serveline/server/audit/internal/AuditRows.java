package org.serveline.server.audit.internal;

import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;
import java.util.function.Function;
import org.serveline.server.audit.AuditEvent;
import org.serveline.server.support.MultiRow;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/** SQL for the audit_event table. */
public final class AuditRows {

    public static final String SELECT = """
            SELECT id, chain_key, seq, occurred_at, actor, action, subject, before_state, after_state, details,
                   prev_hash, hash FROM audit_event""";

    public static final RowMapper<AuditEvent> MAPPER = (rs, n) -> new AuditEvent(rs.getLong("id"),
            rs.getString("chain_key"), rs.getLong("seq"), rs.getTimestamp("occurred_at").toInstant(),
            rs.getString("actor"), rs.getString("action"), rs.getString("subject"), rs.getString("before_state"),
            rs.getString("after_state"), rs.getString("details"), rs.getString("prev_hash"), rs.getString("hash"));

    private AuditRows() {
    }

    /** Inserts stored events (their hashes set) with one multi-row statement. */
    public static void insertAll(JdbcClient jdbc, List<AuditEvent> events) {
        SequencedMap<String, Function<AuditEvent, Object>> columns = new LinkedHashMap<>();
        columns.put("chain", AuditEvent::chain);
        columns.put("seq", AuditEvent::seq);
        columns.put("at", e -> Timestamp.from(e.occurredAt()));
        columns.put("actor", AuditEvent::actor);
        columns.put("action", AuditEvent::action);
        columns.put("subject", AuditEvent::subject);
        columns.put("before", AuditEvent::before);
        columns.put("after", AuditEvent::after);
        columns.put("details", AuditEvent::details);
        columns.put("prev", AuditEvent::prevHash);
        columns.put("hash", AuditEvent::hash);
        MultiRow rows = MultiRow.of(events, columns);
        jdbc.sql("""
                INSERT INTO audit_event (chain_key, seq, occurred_at, actor, action, subject, before_state,
                                         after_state, details, prev_hash, hash)
                VALUES\s""" + rows.values()).params(rows.params()).update();
    }

    public static long insert(JdbcClient jdbc, AuditEvent e, String hash) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO audit_event (chain_key, seq, occurred_at, actor, action, subject, before_state,
                                         after_state, details, prev_hash, hash)
                VALUES (:chain, :seq, :at, :actor, :action, :subject, :before, :after, :details, :prev, :hash)""")
                .param("chain", e.chain()).param("seq", e.seq()).param("at", Timestamp.from(e.occurredAt()))
                .param("actor", e.actor()).param("action", e.action()).param("subject", e.subject())
                .param("before", e.before()).param("after", e.after()).param("details", e.details())
                .param("prev", e.prevHash()).param("hash", hash)
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }
}
