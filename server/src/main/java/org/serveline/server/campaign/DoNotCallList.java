package org.serveline.server.campaign;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.serveline.server.audit.AuditRecord;
import org.serveline.server.audit.AuditTrail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Numbers that must not be dialled, checked at dial time (not at submission: the list changes). */
@Service
public class DoNotCallList {

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;

    DoNotCallList(JdbcClient jdbc, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public void add(String e164, String reason, String actor) {
        jdbc.sql("""
                INSERT INTO do_not_call (number_e164, reason, added_by, added_at) VALUES (:n, :r, :by, :at)
                ON DUPLICATE KEY UPDATE reason = VALUES(reason)""")
                .param("n", e164).param("r", reason).param("by", actor).param("at", Timestamp.from(clock.instant()))
                .update();
        audit.append(new AuditRecord("do-not-call", actor, "DNC_ADDED", "number:" + e164, null, null,
                Map.of("reason", reason)));
    }

    @Transactional
    public void remove(String e164, String actor) {
        if (jdbc.sql("DELETE FROM do_not_call WHERE number_e164 = :n").param("n", e164).update() > 0) {
            audit.append(new AuditRecord("do-not-call", actor, "DNC_REMOVED", "number:" + e164, null, null, Map.of()));
        }
    }

    /** A listed number, why, by whom and since when. */
    public record Entry(String number, String reason, String addedBy, Instant addedAt) {
    }

    /** The list, newest first (at most {@code limit} numbers). */
    public List<Entry> all(int limit) {
        return jdbc.sql("SELECT number_e164, reason, added_by, added_at FROM do_not_call ORDER BY added_at DESC, number_e164"
                + " LIMIT :limit").param("limit", limit).query((rs, n) -> new Entry(rs.getString(1), rs.getString(2),
                        rs.getString(3), rs.getTimestamp(4).toInstant())).list();
    }

    public Set<String> listed(Collection<String> numbers) {
        if (numbers.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("SELECT number_e164 FROM do_not_call WHERE number_e164 IN (:n)")
                .param("n", numbers).query(String.class).list());
    }
}
