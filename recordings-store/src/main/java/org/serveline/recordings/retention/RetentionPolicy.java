package org.serveline.recordings.retention;

import java.time.Duration;
import java.util.Objects;

import org.serveline.recordings.ObjectKind;

/**
 * How long the store keeps each part of a recording, counted from when it was stored. A recording on legal hold is
 * kept regardless.
 *
 * @param originals how long originals (the evidence) are kept
 * @param copies how long Opus listening copies are kept
 */
public record RetentionPolicy(Duration originals, Duration copies) {

    public RetentionPolicy {
        Objects.requireNonNull(originals, "originals");
        Objects.requireNonNull(copies, "copies");
        if (originals.isNegative() || copies.isNegative()) {
            throw new IllegalArgumentException("retention periods must not be negative");
        }
    }

    public Duration period(ObjectKind kind) {
        return kind == ObjectKind.ORIGINAL ? originals : copies;
    }
}
