package org.serveline.server.fieldwork;

import java.time.Instant;

/**
 * A photo or video an agent took at the address: stored once by its SHA-256; the time and place the camera wrote
 * into it (EXIF DateTimeOriginal as the camera's local time, GPS in decimal degrees) where present.
 */
public record FieldUpload(long id, long assignmentId, String sha256, long size, String mediaType, String fileName,
        String takenAtLocal, Double latitude, Double longitude, String uploadedBy, Instant uploadedAt) {
}
