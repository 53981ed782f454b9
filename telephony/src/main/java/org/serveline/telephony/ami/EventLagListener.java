package org.serveline.telephony.ami;

import java.time.Duration;

/**
 * Told how long each AMI event waited between the socket reader taking it off the wire and the link's event thread
 * handling it (the hand-off queue): a metrics hook that keeps this module free of any metrics library. Called on the
 * event thread for every event, so it must be quick and must not throw.
 */
@FunctionalInterface
public interface EventLagListener {

    EventLagListener NONE = (pbxId, waited) -> { };

    void eventHandled(String pbxId, Duration waited);
}
