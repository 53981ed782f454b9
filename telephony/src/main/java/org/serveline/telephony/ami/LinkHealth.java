package org.serveline.telephony.ami;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Health of one PBX link at one moment.
 *
 * @param pbxId       the PBX
 * @param status      UP once logged in, DOWN otherwise
 * @param since       when the status last changed
 * @param lastEventAt when the last AMI event was received, empty if none yet
 * @param detail      why the link is DOWN (last error), or the peer it is connected to
 * @param reconnects  how many times the link came UP again after having been UP
 */
public record LinkHealth(String pbxId, Status status, Instant since, Optional<Instant> lastEventAt, String detail,
                         long reconnects) {

    public enum Status { UP, DOWN }

    public boolean isUp() {
        return status == Status.UP;
    }

    /** Age of the last event at {@code now}; empty when no event was received yet. */
    public Optional<Duration> lastEventAge(Instant now) {
        return lastEventAt.map(at -> Duration.between(at, now));
    }
}
