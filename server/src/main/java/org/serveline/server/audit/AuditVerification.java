package org.serveline.server.audit;

/**
 * The result of re-computing the hash chains: valid, or the first broken event (lowest id) and why.
 */
public record AuditVerification(boolean valid, long eventsChecked, long chainsChecked, BrokenEvent firstBroken) {

    public record BrokenEvent(long eventId, String chain, long seq, String reason) {
    }
}
