package org.serveline.server.receipt;

/**
 * What checking a verification code found: GENUINE when the stored PDF still has the SHA-256 recorded at issue and
 * the task's audit chain holds that SHA-256; ALTERED when either differs; MISSING when the file is gone.
 */
public record ReceiptVerification(Receipt receipt, Status status, String actualSha256, boolean audited) {

    public enum Status {
        GENUINE, ALTERED, MISSING
    }
}
