package org.serveline.server.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.serveline.server.audit.internal.AuditRows;
import org.serveline.server.support.Sha256;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The append-only audit trail. Each chain (a task, or another subject) is locked only through its own head
 * row, so appends to different tasks never wait for each other. An append joins the caller's transaction:
 * the audit row commits with the change it describes, or neither does.
 */
@Service
public class AuditTrail {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final JsonMapper json;
    /** Chains whose head row exists (heads are never deleted): their appends skip the insert of the head. */
    private final Cache<String, Boolean> knownChains = Caffeine.newBuilder().maximumSize(100_000).build();

    AuditTrail(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.json = JsonMapper.builder().build();
    }

    @Transactional(propagation = Propagation.REQUIRED)
    public AuditEvent append(AuditRecord record) {
        boolean known = knownChains.getIfPresent(record.chain()) != null;
        Head head = (known ? lockHead(record.chain()) : Optional.<Head>empty()).orElseGet(() -> {
            // new, or known from a transaction that rolled back
            jdbc.sql("INSERT IGNORE INTO audit_chain_head (chain_key, last_seq, last_hash) VALUES (:chain, 0, :zero)")
                    .param("chain", record.chain()).param("zero", Sha256.ZERO).update();
            return lockHead(record.chain()).orElseThrow();
        });
        knownChains.put(record.chain(), Boolean.TRUE);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        AuditEvent unsaved = new AuditEvent(0, record.chain(), head.seq() + 1, now, record.actor(), record.action(),
                record.subject(), record.before(), record.after(), json.writeValueAsString(record.details()),
                head.hash(), null);
        String hash = Sha256.hex(unsaved.hashedContent());
        long id = AuditRows.insert(jdbc, unsaved, hash);
        jdbc.sql("UPDATE audit_chain_head SET last_seq = :seq, last_hash = :hash WHERE chain_key = :chain")
                .param("seq", unsaved.seq()).param("hash", hash).param("chain", record.chain()).update();
        return new AuditEvent(id, unsaved.chain(), unsaved.seq(), now, unsaved.actor(), unsaved.action(),
                unsaved.subject(), unsaved.before(), unsaved.after(), unsaved.details(), unsaved.prevHash(), hash);
    }

    /**
     * The chain's head, locked until the transaction ends. Asked first only for chains known to exist: a locking
     * read of a missing key also locks the gap around it, and two new chains in one gap could deadlock.
     */
    private Optional<Head> lockHead(String chain) {
        return jdbc.sql("SELECT last_seq, last_hash FROM audit_chain_head WHERE chain_key = :chain FOR UPDATE")
                .param("chain", chain).query((rs, n) -> new Head(rs.getLong(1), rs.getString(2))).optional();
    }

    /** The events of one chain, oldest first. */
    @Transactional(readOnly = true)
    public List<AuditEvent> chain(String chain) {
        return jdbc.sql(AuditRows.SELECT + " WHERE chain_key = :chain ORDER BY seq")
                .param("chain", chain).query(AuditRows.MAPPER).list();
    }

    private record Head(long seq, String hash) {
    }
}
