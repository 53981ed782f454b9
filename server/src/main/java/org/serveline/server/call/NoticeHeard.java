package org.serveline.server.call;

import java.time.Duration;

/**
 * What the notice application heard from the party on an answered call: the refined outcome (CONSENTED,
 * REFUSED, NO_RESPONSE, TRANSFERRED, HUNG_UP_EARLY or FAILED) and the evidence — the digit, its offset into
 * the recording, the exact script version played, a confirmed mobile number.
 */
public record NoticeHeard(String attemptId, CallOutcome outcome, String digit, Duration offset, String scriptVersion,
        String mobileNumber, String detail) {
}
