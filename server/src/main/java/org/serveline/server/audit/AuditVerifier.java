package org.serveline.server.audit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.serveline.server.audit.internal.AnchorRows;
import org.serveline.server.audit.internal.AnchorRows.Head;
import org.serveline.server.audit.internal.AnchorVerifier;
import org.serveline.server.audit.internal.AuditRows;
import org.serveline.server.support.Sha256;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Re-computes every event's hash and its link to the predecessor in its chain, in one pass over the table in
 * id order, checks each chain head against its last event, and checks every chain against the heads the anchors
 * itemized for it, and the anchors themselves ({@link AnchorVerifier}): a chain cut off at its end, or deleted whole
 * with its head row, links up perfectly and only shows there.
 */
@Service
public class AuditVerifier {

    private final JdbcClient jdbc;

    AuditVerifier(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public AuditVerification verify(String onlyChain) {
        Map<String, Link> last = new HashMap<>();
        AtomicLong checked = new AtomicLong();
        AtomicReference<AuditVerification.BrokenEvent> broken = new AtomicReference<>();
        String sql = AuditRows.SELECT + (onlyChain == null ? "" : " WHERE chain_key = :chain") + " ORDER BY id";
        var spec = jdbc.sql(sql);
        if (onlyChain != null) {
            spec = spec.param("chain", onlyChain);
        }
        try (var events = spec.query(AuditRows.MAPPER).stream()) {
            events.takeWhile(e -> broken.get() == null).forEach(e -> {
                checked.incrementAndGet();
                String reason = problemWith(e, last.get(e.chain()));
                if (reason != null) {
                    broken.set(new AuditVerification.BrokenEvent(e.id(), e.chain(), e.seq(), reason));
                }
                last.put(e.chain(), new Link(e.seq(), e.hash()));
            });
        }
        if (broken.get() == null) {
            broken.set(headMismatch(last, onlyChain));
        }
        AuditVerification.AnchorCheck anchor = AnchorVerifier.verify(jdbc, onlyChain == null);
        List<AuditVerification.MissingSinceAnchor> missing = missingSinceAnchor(onlyChain);
        boolean valid = broken.get() == null && missing.isEmpty() && (anchor == null || anchor.intact());
        return new AuditVerification(valid, checked.get(), last.size(), broken.get(), anchor, missing);
    }

    /**
     * Chains that contradict a head an anchor itemized (their event at that seq is gone or differs), one entry per
     * chain: the latest such anchor. Needs no full pass: the database joins the itemized heads to the events.
     */
    private List<AuditVerification.MissingSinceAnchor> missingSinceAnchor(String onlyChain) {
        Map<String, AnchorRows.Contradicted> latest = new LinkedHashMap<>();
        AnchorRows.contradicted(jdbc, onlyChain).forEach(c -> latest.put(c.anchored().chain(), c));
        List<AuditVerification.MissingSinceAnchor> missing = new ArrayList<>();
        for (AnchorRows.Contradicted c : latest.values()) {
            Head head = c.anchored();
            Long found = jdbc.sql("SELECT MAX(seq) FROM audit_event WHERE chain_key = :c").param("c", head.chain())
                    .query(Long.class).optional().orElse(null);
            String reason;
            if (found == null) {
                reason = "chain absent: anchor " + c.anchorId() + " recorded it at seq " + head.seq()
                        + ", no event of it is left";
            } else if (found < head.seq()) {
                reason = "chain cut short: anchor " + c.anchorId() + " recorded it at seq " + head.seq()
                        + ", it now ends at seq " + found;
            } else {
                reason = "event seq " + head.seq() + " is not the one anchor " + c.anchorId()
                        + " recorded (the chain was re-written)";
            }
            missing.add(new AuditVerification.MissingSinceAnchor(head.chain(), c.anchorId(), head.seq(), head.hash(),
                    found, reason));
        }
        return missing;
    }

    private static String problemWith(AuditEvent e, Link previous) {
        long expectedSeq = previous == null ? 1 : previous.seq() + 1;
        String expectedPrev = previous == null ? Sha256.ZERO : previous.hash();
        if (e.seq() != expectedSeq) {
            return "sequence " + e.seq() + " where " + expectedSeq + " was expected (an event is missing)";
        }
        if (!e.prevHash().equals(expectedPrev)) {
            return "previous-hash link does not match the preceding event";
        }
        if (!Sha256.hex(e.hashedContent()).equals(e.hash())) {
            return "content does not match its hash (the event was altered)";
        }
        return null;
    }

    private AuditVerification.BrokenEvent headMismatch(Map<String, Link> last, String onlyChain) {
        String sql = "SELECT chain_key, last_seq, last_hash FROM audit_chain_head"
                + (onlyChain == null ? "" : " WHERE chain_key = :chain") + " ORDER BY chain_key";
        var spec = jdbc.sql(sql);
        if (onlyChain != null) {
            spec = spec.param("chain", onlyChain);
        }
        return spec.query((rs, n) -> {
            Link seen = last.get(rs.getString(1));
            boolean matches = seen != null && seen.seq() == rs.getLong(2) && seen.hash().equals(rs.getString(3));
            return matches ? null : new AuditVerification.BrokenEvent(0, rs.getString(1), rs.getLong(2),
                    "chain head does not match the chain's last event (events were removed or re-written)");
        }).list().stream().filter(Objects::nonNull).findFirst().orElse(null);
    }

    private record Link(long seq, String hash) {
    }
}
