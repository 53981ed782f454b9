package org.serveline.server.evidence;

import java.time.Instant;
import java.util.List;
import org.serveline.server.task.TaskState;

/**
 * A task's evidence, in the order a judge reads it. Sections the task has not reached are {@code null} (consent,
 * served, receipt) or empty lists (reviews, attempts, deliveries).
 */
public record TaskEvidence(long taskId, String court, String caseNumber, TaskState state, Submission submission,
        List<Review> reviews, List<Attempt> attempts, Consent consent, Delivery delivery, ReceiptRef receipt,
        ChainCheck audit) {

    /** Who submitted the task and when, for whom, with which documents. */
    public record Submission(Instant at, String by, String party, String partyRole, List<String> phones,
            List<Document> documents) {
    }

    /** One document as stored: its SHA-256 is what the receipt cites; {@code null} name and hash if it is gone. */
    public record Document(String id, String fileName, String sha256, long size) {
    }

    /** A review-side move: APPROVE, RETURN, RESUBMIT or CANCEL, by whom, with the reason given. */
    public record Review(Instant at, String by, String action, String reason) {
    }

    /** One call: when, which number, its outcome (or state while live), the operator if any, its recording. */
    public record Attempt(String id, Instant at, String number, String outcome, String operator, String consentDigit,
            Long decisionOffsetMs, RecordingRef recording) {
    }

    /**
     * The recording of an attempt: its SHA-256 as the PBX wrote it, and whether the original is still kept (retention
     * may have removed it; the hash stays).
     */
    public record RecordingRef(String id, String sha256, long durationMs, Long consentOffsetMs, Instant storedAt,
            boolean originalKept) {
    }

    /** The consent move's evidence: the call, the key pressed and where in the recording, the address confirmed. */
    public record Consent(Instant at, String by, String attemptId, String digit, Long offsetMs, String scriptVersion,
            String address) {
    }

    /** The electronic messages sent and their outcomes, and the move that served the task (null until served). */
    public record Delivery(List<Message> messages, Served served) {
    }

    /** A delivery audit event: DELIVERY_SENT, DELIVERY_CONFIRMED or DELIVERY_FAILED with the gateway's reply. */
    public record Message(Instant at, String action, String address, String gatewayReply, String why) {
    }

    /** How the task was served: channel, address, service date and its rule, the gateway's reply, by whom. */
    public record Served(Instant at, String channel, String address, String serviceDate, String serviceDateRule,
            String gatewayReply, String by) {
    }

    /** The issued receipt: its code, the PDF's SHA-256, and where to download and to verify it. */
    public record ReceiptRef(String verificationCode, String sha256, Instant issuedAt, Instant serviceDate,
            String pdfUrl, String verifyUrl) {
    }

    /** The task's audit chain re-computed now: valid, how many events, and the first problem if not. */
    public record ChainCheck(String chain, boolean valid, long eventsChecked, String problem) {
    }
}
