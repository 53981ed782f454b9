package org.serveline.server.receipt.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * Everything a receipt states, gathered once from the task, its documents, calls, recordings and audit chain; the
 * PDF is a rendering of this record and nothing else.
 */
public record ReceiptContent(long taskId, String courtName, ZoneId zone, String caseNumber, String cause,
        Party party, List<Document> documents, Service service, Consent consent, List<Attempt> attempts,
        List<Evidence> evidence, String verificationCode, String verifyUrl, Instant issuedAt) {

    public ReceiptContent {
        documents = List.copyOf(documents);
        attempts = List.copyOf(attempts);
        evidence = List.copyOf(evidence);
    }

    public record Party(String name, String role, String address, String electronicAddress) {
    }

    public record Document(String id, String fileName, String sha256) {
    }

    /**
     * How the service was completed: the SERVED move's evidence ({@code channel}, {@code serviceDate},
     * {@code serviceDateRule}, {@code address}, {@code deliveryReceipt}) and its other, channel-specific keys.
     */
    public record Service(String channel, Instant serviceDate, String serviceDateRule, String servedBy,
            String address, String deliveryReceipt, Map<String, Object> otherEvidence) {
    }

    /** The recorded consent to electronic service, when there was one. recordingSha256 is null if not stored. */
    public record Consent(String attemptId, Instant at, String digit, Duration offset, String scriptVersion,
            String mobileNumber, String recordingId, String recordingSha256) {
    }

    public record Attempt(String id, Instant at, String number, String outcome, String recordingSha256) {
    }

    /** One channel evidence event of the task's audit chain. */
    public record Evidence(Instant at, String actor, String action, Map<String, Object> details) {
    }
}
