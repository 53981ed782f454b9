package org.serveline.telephony.call;

import java.time.Duration;

/**
 * @param earlyHangupWindow an answered call that the party ends within this time is {@link OutcomeKind#HUNG_UP_EARLY};
 *                          whatever its verdict, an answered call is settled only when its last channel hung up
 * @param responseGrace     how long past the Originate timeout the tracker waits for an OriginateResponse before
 *                          settling {@link OutcomeKind#FAILED}
 * @param groupRetention    how long the channels of calls not (yet) tied to an attempt are remembered
 */
public record TrackerSettings(Duration earlyHangupWindow, Duration responseGrace, Duration groupRetention) {

    public static final TrackerSettings DEFAULTS =
            new TrackerSettings(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(2));

    public TrackerSettings {
        for (Duration d : new Duration[] {earlyHangupWindow, responseGrace, groupRetention}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("tracker durations must be positive: " + d);
            }
        }
    }
}
