package org.serveline.server.audit.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.serveline.server.support.MultiRow;
import org.serveline.server.support.Sha256;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/** SQL for audit_anchor and audit_anchor_head (V1, V8): both append-only. */
public final class AnchorRows {

    private static final int ROWS_PER_INSERT = 1_000;

    /** A chain's head: its last sequence number and that event's hash. */
    public record Head(String chain, long seq, String hash) {

        /** The line an anchor's heads_hash is computed over. */
        String line() {
            return chain + ":" + seq + ":" + hash;
        }
    }

    /** A chain's head as an anchor itemized it. */
    public record AnchoredHead(long anchorId, Head head) {
    }

    /** One audit_anchor row. */
    public record Anchor(long id, Instant anchoredAt, long chainCount, String headsHash, String prevHash,
            String hash) {

        /** What {@link #hash()} must be: the anchor's fields chained to the previous anchor. */
        public String expectedHash() {
            return Sha256.hex(String.join("\u001f", prevHash, anchoredAt.toString(), Long.toString(chainCount),
                    headsHash));
        }
    }

    private AnchorRows() {
    }

    /**
     * The hash an anchor keeps over the full list of heads, in chain-key order as Java compares strings (not the
     * database's collation, so that the anchor and the verifier always agree).
     */
    public static String headsHash(List<Head> heads) {
        return Sha256.hex(heads.stream().sorted(Comparator.comparing(Head::chain)).map(Head::line)
                .collect(Collectors.joining("\n")));
    }

    public static List<Head> currentHeads(JdbcClient jdbc) {
        return jdbc.sql("SELECT chain_key, last_seq, last_hash FROM audit_chain_head ORDER BY chain_key")
                .query((rs, n) -> new Head(rs.getString(1), rs.getLong(2), rs.getString(3))).list();
    }

    /** Every anchor, oldest first. */
    public static List<Anchor> anchors(JdbcClient jdbc) {
        return jdbc.sql("SELECT id, anchored_at, chain_count, heads_hash, prev_hash, hash FROM audit_anchor ORDER BY id")
                .query((rs, n) -> new Anchor(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getLong(3),
                        rs.getString(4), rs.getString(5), rs.getString(6))).list();
    }

    /** Inserts an anchor row and returns its id. */
    public static long insertAnchor(JdbcClient jdbc, Instant at, long chainCount, String headsHash, String prev,
            String hash) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO audit_anchor (anchored_at, chain_count, heads_hash, prev_hash, hash)
                VALUES (:at, :count, :heads, :prev, :hash)""")
                .param("at", Timestamp.from(at)).param("count", chainCount).param("heads", headsHash)
                .param("prev", prev).param("hash", hash).update(key);
        return key.getKey().longValue();
    }

    /**
     * Each chain's head as the last anchor that itemized it recorded (its audit_anchor_head row of the highest
     * anchor id), by chain key; only {@code onlyChain} when given.
     */
    public static Map<String, AnchoredHead> anchoredHeads(JdbcClient jdbc, String onlyChain) {
        String where = onlyChain == null ? "" : " WHERE chain_key = :chain";
        var spec = jdbc.sql("""
                SELECT a.anchor_id, a.chain_key, a.seq, a.hash FROM audit_anchor_head a
                JOIN (SELECT chain_key, MAX(anchor_id) AS anchor_id FROM audit_anchor_head%s GROUP BY chain_key) m
                  ON m.chain_key = a.chain_key AND m.anchor_id = a.anchor_id""".formatted(where));
        if (onlyChain != null) {
            spec = spec.param("chain", onlyChain);
        }
        Map<String, AnchoredHead> heads = new TreeMap<>();
        spec.query((rs, n) -> new AnchoredHead(rs.getLong(1), new Head(rs.getString(2), rs.getLong(3),
                        rs.getString(4)))).list().forEach(h -> heads.put(h.head().chain(), h));
        return heads;
    }

    /** An itemized head whose event is gone or differs now. */
    public record Contradicted(long anchorId, Head anchored) {
    }

    /**
     * Every itemized head, of every anchor, whose event is gone or has another hash now (a chain cut short, deleted
     * or re-written after an anchor); {@code onlyChain} when given. Uses the (chain_key, seq) key of audit_event.
     */
    public static List<Contradicted> contradicted(JdbcClient jdbc, String onlyChain) {
        var spec = jdbc.sql("""
                SELECT h.anchor_id, h.chain_key, h.seq, h.hash FROM audit_anchor_head h
                LEFT JOIN audit_event e ON e.chain_key = h.chain_key AND e.seq = h.seq
                WHERE (e.id IS NULL OR e.hash <> h.hash)%s
                ORDER BY h.chain_key, h.anchor_id""".formatted(onlyChain == null ? "" : " AND h.chain_key = :chain"));
        if (onlyChain != null) {
            spec = spec.param("chain", onlyChain);
        }
        return spec.query((rs, n) -> new Contradicted(rs.getLong(1), new Head(rs.getString(2), rs.getLong(3),
                rs.getString(4)))).list();
    }

    /** Records the heads of {@code anchorId} that changed since the previous anchor. */
    public static void insertHeads(JdbcClient jdbc, long anchorId, List<Head> heads) {
        SequencedMap<String, Function<Head, Object>> columns = new LinkedHashMap<>();
        columns.put("anchor", h -> anchorId);
        columns.put("chain", Head::chain);
        columns.put("seq", Head::seq);
        columns.put("hash", Head::hash);
        for (int from = 0; from < heads.size(); from += ROWS_PER_INSERT) {
            MultiRow rows = MultiRow.of(heads.subList(from, Math.min(heads.size(), from + ROWS_PER_INSERT)), columns);
            jdbc.sql("INSERT INTO audit_anchor_head (anchor_id, chain_key, seq, hash) VALUES " + rows.values())
                    .params(rows.params()).update();
        }
    }
}
