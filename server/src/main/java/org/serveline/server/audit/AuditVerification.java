package org.serveline.server.audit;

import java.time.Instant;
import java.util.List;

/**
 * The result of re-computing the hash chains and checking them against the last global anchor: valid, or the first
 * broken event (lowest id) and why, the anchor chain's state, and every chain that is behind (or gone) since the
 * last anchor recorded its head. Chains that grew after the anchor, or began after it, are fine.
 */
public record AuditVerification(boolean valid, long eventsChecked, long chainsChecked, BrokenEvent firstBroken,
        AnchorCheck anchor, List<MissingSinceAnchor> missingSinceAnchor) {

    public record BrokenEvent(long eventId, String chain, long seq, String reason) {
    }

    /**
     * The last anchor ({@code null} in {@link AuditVerification#anchor()} before the first one): {@code intact} when
     * every anchor's hash and link to its predecessor re-compute and the itemized heads fold to the last anchor's
     * {@code headsHash}; {@code problem} says what did not. {@code chainsAnchored}: chains whose head some anchor
     * itemized (anchors made before heads were itemized count none).
     */
    public record AnchorCheck(long id, Instant anchoredAt, long chainCount, String hash, long chainsAnchored,
            boolean intact, String problem) {
    }

    /**
     * A chain whose head the last anchor that itemized it recorded at {@code anchoredSeq}/{@code anchoredHash}, now
     * ending at {@code foundSeq} ({@code null}: no event left) or with another event at that sequence number.
     */
    public record MissingSinceAnchor(String chain, long anchorId, long anchoredSeq, String anchoredHash,
            Long foundSeq, String reason) {
    }
}
