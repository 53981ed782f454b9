package org.serveline.server.document;

import java.time.Instant;

/** An uploaded document: stored once, addressed by its SHA-256. */
public record StoredDocument(String id, String sha256, long size, String mediaType, String fileName,
        String uploadedBy, Instant uploadedAt) {
}
