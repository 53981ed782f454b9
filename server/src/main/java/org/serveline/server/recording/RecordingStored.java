package org.serveline.server.recording;

/**
 * Published in the transaction that registered a newly stored recording with its attempt and task (after its
 * {@code RECORDING_STORED} audit event): what waits for a recording (a receipt citing its SHA-256) need not poll.
 */
public record RecordingStored(String recordingId, String attemptId, long taskId, int part, String sha256) {
}
