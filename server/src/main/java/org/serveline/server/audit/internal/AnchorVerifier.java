package org.serveline.server.audit.internal;

import java.util.List;
import java.util.Map;
import org.serveline.server.audit.AuditVerification.AnchorCheck;
import org.serveline.server.audit.internal.AnchorRows.Anchor;
import org.serveline.server.audit.internal.AnchorRows.AnchoredHead;
import org.serveline.server.audit.internal.AnchorRows.Head;
import org.serveline.server.support.Sha256;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Checks the anchors themselves: each one's hash re-computes and links to its predecessor, and the heads they
 * itemized fold to the last anchor's {@code heads_hash} (so an itemized head cannot be edited to hide a cut).
 */
public final class AnchorVerifier {

    private AnchorVerifier() {
    }

    /** The last anchor and whether the anchors hold; {@code null} before the first anchor. */
    public static AnchorCheck verify(JdbcClient jdbc, boolean foldHeads) {
        List<Anchor> anchors = AnchorRows.anchors(jdbc);
        if (anchors.isEmpty()) {
            return null;
        }
        Anchor last = anchors.getLast();
        String problem = null;
        String prev = Sha256.ZERO;
        for (Anchor anchor : anchors) {
            if (!anchor.prevHash().equals(prev)) {
                problem = "anchor " + anchor.id() + " does not link to the anchor before it";
                break;
            }
            if (!anchor.expectedHash().equals(anchor.hash())) {
                problem = "anchor " + anchor.id() + " does not match its hash (it was altered)";
                break;
            }
            prev = anchor.hash();
        }
        Map<String, AnchoredHead> itemized = AnchorRows.anchoredHeads(jdbc, null);
        if (problem == null && foldHeads && !itemized.isEmpty()) {
            // the first anchor that itemized heads listed every chain; later ones what moved: the fold is complete
            List<Head> folded = itemized.values().stream().map(AnchoredHead::head).toList();
            if (folded.size() != last.chainCount() || !AnchorRows.headsHash(folded).equals(last.headsHash())) {
                problem = "the chain heads itemized up to anchor " + last.id() + " do not fold to its heads hash"
                        + " (an itemized head was added, changed or removed)";
            }
        }
        return new AnchorCheck(last.id(), last.anchoredAt(), last.chainCount(), last.hash(), itemized.size(),
                problem == null, problem);
    }
}
