package org.serveline.server.receipt;

import java.time.Instant;

/**
 * An issued receipt (送达回证): the PDF is stored content-addressed by {@link #sha256()}, which the task's
 * RECEIPT_ISSUED audit event also holds. Issued once per task and never regenerated.
 *
 * @param verificationCode 12 characters without dashes; shown as {@link #displayCode()}
 */
public record Receipt(long taskId, String verificationCode, String sha256, long size, String courtId,
        String caseNumber, String channel, Instant serviceDate, Instant issuedAt) {

    /** The code as printed: XXXX-XXXX-XXXX. */
    public String displayCode() {
        return displayCode(verificationCode);
    }

    public static String displayCode(String code) {
        return code.substring(0, 4) + "-" + code.substring(4, 8) + "-" + code.substring(8);
    }
}
