package org.serveline.server.recording;

import java.time.Instant;

/**
 * A stored call recording and its links: recording ↔ attempt ↔ task ↔ case. {@link #sha256()} is the SHA-256 of
 * the original as the PBX wrote it: what receipts and the evidence chain cite.
 *
 * @param consentOffsetMs where in the recording the party consented, in milliseconds (null without consent)
 * @param originalRemovedAt when retention removed the original (null while kept)
 * @param copyRemovedAt when retention removed the Opus copy (null while kept)
 * @param part 1: the call ({@code <attempt>.wav}); 2: the keypad consent step an operator handed the party to
 *        ({@code <attempt>-consent.wav}), the call's second recording
 * @param storeKey the name the spool and the recordings store know it by ({@code <attempt>} or
 *        {@code <attempt>-consent}): what retention and legal holds address
 */
public record Recording(String id, String attemptId, long taskId, String caseNumber, String operator, String outcome,
        String sha256, String copySha256, long size, long copySize, long durationMs, int sampleRate, int channels,
        Instant storedAt, Long consentOffsetMs, boolean consentCall, boolean sampled, AuditStatus auditStatus,
        boolean legalHold, String legalHoldReason, Instant originalRemovedAt, Instant copyRemovedAt, int part,
        String storeKey) {

    /** The part of a call's first recording: the call itself. */
    public static final int CALL = 1;
    /** The part of the recording of the keypad consent step, the call's second recording. */
    public static final int CONSENT_STEP = 2;

    /** The audit chain of the recording's task. */
    public String taskChain() {
        return "task:" + taskId;
    }
}
