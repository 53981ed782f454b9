package org.serveline.server.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.serveline.server.support.Sha256;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Periodically folds every chain head into one global, itself chained, anchor record: altering or dropping a
 * whole chain after an anchor shows against the anchor, while appends never contend on a global row.
 */
@Service
public class AuditAnchors {

    private final JdbcClient jdbc;
    private final Clock clock;

    AuditAnchors(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${serveline.audit.anchor-interval:PT15M}",
            initialDelayString = "${serveline.audit.anchor-interval:PT15M}")
    @Transactional
    public String anchor() {
        List<String> heads = jdbc.sql("SELECT CONCAT(chain_key, ':', last_seq, ':', last_hash) FROM audit_chain_head"
                + " ORDER BY chain_key").query(String.class).list();
        String headsHash = Sha256.hex(String.join("\n", heads));
        String prev = jdbc.sql("SELECT hash FROM audit_anchor ORDER BY id DESC LIMIT 1 FOR UPDATE")
                .query(String.class).optional().orElse(Sha256.ZERO);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String hash = Sha256.hex(String.join("\u001f", prev, now.toString(), Integer.toString(heads.size()), headsHash));
        jdbc.sql("""
                INSERT INTO audit_anchor (anchored_at, chain_count, heads_hash, prev_hash, hash)
                VALUES (:at, :count, :heads, :prev, :hash)""")
                .param("at", Timestamp.from(now)).param("count", heads.size()).param("heads", headsHash)
                .param("prev", prev).param("hash", hash).update();
        return hash;
    }
}
