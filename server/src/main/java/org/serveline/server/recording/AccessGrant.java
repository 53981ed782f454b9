package org.serveline.server.recording;

import java.time.Instant;

/**
 * A reason stated once to listen to a recording: its id is what the console's audio requests name
 * ({@code GET .../audio?access=<id>}, {@code GET .../peaks?access=<id>}) instead of the reason itself (ADR 0022).
 *
 * @param id 32 hex characters, random (128 bits)
 * @param audio the path the player streams, with HTTP Range
 * @param peaks the path of the waveform's peaks (JSON)
 */
public record AccessGrant(String id, String recordingId, String actor, String reason, Instant createdAt,
        Instant expiresAt, String audio, String peaks) {
}
