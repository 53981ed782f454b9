package org.serveline.server.recording.internal;

import java.util.random.RandomGenerator;

/**
 * Chooses, once at ingest, which calls without consent go to the supervisors' review queue: each with probability
 * {@code rate}. Consent calls always go; they are not part of the sample.
 */
final class ReviewSampling {

    private final double rate;

    private final RandomGenerator random;

    ReviewSampling(double rate, RandomGenerator random) {
        if (rate < 0 || rate > 1) {
            throw new IllegalArgumentException("review sample rate must be between 0 and 1, got " + rate);
        }
        this.rate = rate;
        this.random = random;
    }

    /** Whether a call without consent is drawn into the sample. */
    boolean draws() {
        return rate >= 1 || (rate > 0 && random.nextDouble() < rate);
    }
}
