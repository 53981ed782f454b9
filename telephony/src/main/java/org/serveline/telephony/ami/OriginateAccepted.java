package org.serveline.telephony.ami;

import java.time.Instant;

/**
 * Asterisk queued the Originate ("Originate successfully queued"); the call's fate arrives later as an
 * {@link AmiEvent.OriginateResponse} carrying {@code actionId}.
 */
public record OriginateAccepted(String pbxId, String attemptId, String actionId, Instant acceptedAt) {
}
