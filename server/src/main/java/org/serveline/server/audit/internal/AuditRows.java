package org.serveline.server.audit.internal;

import java.sql.Timestamp;
import org.serveline.server.audit.AuditEvent;
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
