package org.serveline.server.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.serveline.server.audit.internal.AnchorRows;
import org.serveline.server.audit.internal.AnchorRows.Head;
import org.serveline.server.support.Sha256;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Periodically folds every chain head into one global, itself chained, anchor record, and itemizes the heads that
 * moved since the previous anchor ({@code audit_anchor_head}): a chain cut short, re-written or dropped whole after
 * an anchor shows against it ({@link AuditVerifier}), while appends never contend on a global row. The anchor's
 * {@code heads_hash} and {@code chain_count} are those of every chain's latest itemized head, so a later anchor
 * cannot launder a cut: the earlier itemized head stays and still contradicts the chain.
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
        String prev = jdbc.sql("SELECT hash FROM audit_anchor ORDER BY id DESC LIMIT 1 FOR UPDATE")
                .query(String.class).optional().orElse(Sha256.ZERO);
        // plain reads: this transaction's snapshot, so the heads and what earlier anchors itemized agree
        List<Head> heads = AnchorRows.currentHeads(jdbc);
        Map<String, Head> fold = new TreeMap<>();
        AnchorRows.anchoredHeads(jdbc, null).forEach((chain, anchored) -> fold.put(chain, anchored.head()));
        List<Head> moved = heads.stream().filter(h -> !h.equals(fold.get(h.chain()))).toList();
        moved.forEach(h -> fold.put(h.chain(), h));
        // the anchor commits to the fold of every itemized head: a chain deleted since an earlier anchor stays in it
        List<Head> folded = List.copyOf(fold.values());
        String headsHash = AnchorRows.headsHash(folded);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String hash = Sha256.hex(String.join("\u001f", prev, now.toString(), Integer.toString(folded.size()),
                headsHash));
        long id = AnchorRows.insertAnchor(jdbc, now, folded.size(), headsHash, prev, hash);
        AnchorRows.insertHeads(jdbc, id, moved);
        return hash;
    }
}
