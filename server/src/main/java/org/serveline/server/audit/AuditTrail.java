package org.serveline.server.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.function.Function;
import java.util.Optional;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.serveline.server.audit.internal.AuditRows;
import org.serveline.server.support.MultiRow;
import org.serveline.server.support.Sha256;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
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
        writeDeferred();
        boolean known = knownChains.getIfPresent(record.chain()) != null;
        Head head = (known ? lockHead(record.chain()) : Optional.<Head>empty()).orElseGet(() -> {
            // new, or known from a transaction that rolled back
            jdbc.sql("INSERT IGNORE INTO audit_chain_head (chain_key, last_seq, last_hash) VALUES (:chain, 0, :zero)")
                    .param("chain", record.chain()).param("zero", Sha256.ZERO).update();
            return lockHead(record.chain()).orElseThrow();
        });
        knownChains.put(record.chain(), Boolean.TRUE);
        AuditEvent event = chained(record, head, clock.instant().truncatedTo(ChronoUnit.MICROS));
        long id = AuditRows.insert(jdbc, event, event.hash());
        jdbc.sql("UPDATE audit_chain_head SET last_seq = :seq, last_hash = :hash WHERE chain_key = :chain")
                .param("seq", event.seq()).param("hash", event.hash()).param("chain", record.chain()).update();
        return new AuditEvent(id, event.chain(), event.seq(), event.occurredAt(), event.actor(), event.action(),
                event.subject(), event.before(), event.after(), event.details(), event.prevHash(), event.hash());
    }

    /** The record as the next event of its chain after {@code head}, hashed (not stored yet: id 0). */
    private AuditEvent chained(AuditRecord record, Head head, Instant at) {
        AuditEvent unsaved = new AuditEvent(0, record.chain(), head.seq() + 1, at, record.actor(), record.action(),
                record.subject(), record.before(), record.after(), json.writeValueAsString(record.details()),
                head.hash(), null);
        String hash = Sha256.hex(unsaved.hashedContent());
        return new AuditEvent(0, unsaved.chain(), unsaved.seq(), at, unsaved.actor(), unsaved.action(),
                unsaved.subject(), unsaved.before(), unsaved.after(), unsaved.details(), unsaved.prevHash(), hash);
    }

    /**
     * Appends many records in one go: the heads of their chains are locked in one query (in key order), the events
     * chained in memory, and written with one multi-row insert; each chain keeps the records' order. For the
     * dialer, which writes an event for each of a batch of tasks.
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public void appendAll(List<AuditRecord> records) {
        writeDeferred();
        writeAll(records);
    }

    /**
     * Appends at the end of the caller's transaction, just before it commits, together with every other record
     * deferred in it (one {@link #appendAll}): the record still commits with the change it describes, or neither
     * does, and is written before anything after the commit acts on it. An {@link #append}, {@link #appendAll} or
     * {@link #chain} later in the same transaction writes the deferred records first, so every chain keeps the order
     * of the calls. Without a transaction, appends at once. For work done per item inside a batch transaction (the
     * settle batch's consents: their portal links and outbox messages).
     */
    public void appendBeforeCommit(AuditRecord record) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || !TransactionSynchronizationManager.isActualTransactionActive()) {
            append(record);
            return;
        }
        Deferred deferred = deferred().orElseGet(() -> {
            Deferred fresh = new Deferred();
            TransactionSynchronizationManager.registerSynchronization(fresh);
            return fresh;
        });
        if (deferred.written) { // asked from another synchronization's beforeCommit, after ours ran
            append(record);
        } else {
            deferred.records.add(record);
        }
    }

    private Optional<Deferred> deferred() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return Optional.empty();
        }
        return TransactionSynchronizationManager.getSynchronizations().stream()
                .filter(s -> s instanceof Deferred d && d.trail() == this).map(Deferred.class::cast).findFirst();
    }

    private void writeDeferred() {
        deferred().ifPresent(d -> {
            List<AuditRecord> records = List.copyOf(d.records);
            d.records.clear();
            writeAll(records);
        });
    }

    /**
     * The records deferred in one transaction; a synchronization of that transaction, so a transaction of its own
     * started meanwhile (REQUIRES_NEW) does not see them.
     */
    private final class Deferred implements TransactionSynchronization {

        private final List<AuditRecord> records = new ArrayList<>();
        private boolean written;

        AuditTrail trail() {
            return AuditTrail.this;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            writeDeferred();
            written = true;
        }
    }

    private void writeAll(List<AuditRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        List<String> chains = records.stream().map(AuditRecord::chain).distinct().sorted().toList();
        List<String> unknown = chains.stream().filter(c -> knownChains.getIfPresent(c) == null).toList();
        if (!unknown.isEmpty()) {
            MultiRow fresh = MultiRow.of(unknown, columns("chain", c -> c, "seq", c -> 0, "hash", c -> Sha256.ZERO));
            jdbc.sql("INSERT IGNORE INTO audit_chain_head (chain_key, last_seq, last_hash) VALUES " + fresh.values())
                    .params(fresh.params()).update();
        }
        Map<String, Head> heads = new HashMap<>();
        jdbc.sql("SELECT chain_key, last_seq, last_hash FROM audit_chain_head WHERE chain_key IN (:chains) "
                        + "ORDER BY chain_key FOR UPDATE").param("chains", chains)
                .query(rs -> {
                    heads.put(rs.getString(1), new Head(rs.getLong(2), rs.getString(3)));
                });
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<AuditEvent> events = new ArrayList<>();
        for (AuditRecord record : records) {
            AuditEvent event = chained(record, heads.get(record.chain()), now);
            events.add(event);
            heads.put(record.chain(), new Head(event.seq(), event.hash()));
        }
        AuditRows.insertAll(jdbc, events);
        // every head exists and is locked: this upsert only ever updates
        MultiRow moved = MultiRow.of(chains, columns("chain", c -> c, "seq", c -> heads.get(c).seq(),
                "hash", c -> heads.get(c).hash()));
        jdbc.sql("INSERT INTO audit_chain_head (chain_key, last_seq, last_hash) VALUES " + moved.values()
                        + " ON DUPLICATE KEY UPDATE last_seq = VALUES(last_seq), last_hash = VALUES(last_hash)")
                .params(moved.params()).update();
        chains.forEach(c -> knownChains.put(c, Boolean.TRUE));
    }

    private static SequencedMap<String, Function<String, Object>> columns(String a, Function<String, Object> first,
            String b, Function<String, Object> second, String c, Function<String, Object> third) {
        SequencedMap<String, Function<String, Object>> columns = new LinkedHashMap<>();
        columns.put(a, first);
        columns.put(b, second);
        columns.put(c, third);
        return columns;
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
        writeDeferred();
        return jdbc.sql(AuditRows.SELECT + " WHERE chain_key = :chain ORDER BY seq")
                .param("chain", chain).query(AuditRows.MAPPER).list();
    }

    private record Head(long seq, String hash) {
    }
}
