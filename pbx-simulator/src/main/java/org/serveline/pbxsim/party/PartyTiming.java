package org.serveline.pbxsim.party;

import java.time.Duration;
import java.util.Objects;

/**
 * When a party acts, in PBX time (before the simulator's time scale is applied).
 *
 * @param ringTime   how long the line rings before the party answers (or signals busy/congestion); zero means
 *                   no ringing at all, as Asterisk shows for Busy() and an immediate Answer()
 * @param dtmfDelay  how long after a prompt ends (with no new prompt started) the party keys its digits
 * @param interDigit the gap between two keyed digits
 * @param holdTime   how long the party stays on a quiet line before hanging up, counted from the answer and
 *                   again from the start and the end of each prompt
 */
public record PartyTiming(Duration ringTime, Duration dtmfDelay, Duration interDigit, Duration holdTime) {

    public static final PartyTiming DEFAULT =
            new PartyTiming(Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofMillis(300), Duration.ofSeconds(15));

    public PartyTiming {
        for (Duration d : new Duration[] {ringTime, dtmfDelay, interDigit, holdTime}) {
            Objects.requireNonNull(d, "timing");
            if (d.isNegative()) {
                throw new IllegalArgumentException("a party timing cannot be negative: " + d);
            }
        }
    }

    public PartyTiming withRingTime(Duration value) {
        return new PartyTiming(value, dtmfDelay, interDigit, holdTime);
    }

    public PartyTiming withHoldTime(Duration value) {
        return new PartyTiming(ringTime, dtmfDelay, interDigit, value);
    }

    public PartyTiming withDtmfDelay(Duration value) {
        return new PartyTiming(ringTime, value, interDigit, holdTime);
    }
}
