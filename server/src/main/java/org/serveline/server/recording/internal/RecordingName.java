package org.serveline.server.recording.internal;

import org.serveline.server.recording.Recording;
import org.serveline.telephony.dialplan.DialplanContract;

/**
 * What a store key says about its recording: {@code <attempt>} is the call (part 1), {@code <attempt>-consent} the
 * keypad consent step of that call (part 2).
 */
record RecordingName(String storeKey, String attemptId, int part) {

    /** The reading that takes the key as a whole attempt id (part 1). */
    static RecordingName asCall(String storeKey) {
        return new RecordingName(storeKey, storeKey, Recording.CALL);
    }

    /** The consent-step reading of the key, when it ends with the consent suffix. */
    static java.util.Optional<RecordingName> asConsentStep(String storeKey) {
        String suffix = DialplanContract.CONSENT_RECORDING_SUFFIX;
        if (storeKey.length() > suffix.length() && storeKey.endsWith(suffix)) {
            return java.util.Optional.of(new RecordingName(storeKey,
                    storeKey.substring(0, storeKey.length() - suffix.length()), Recording.CONSENT_STEP));
        }
        return java.util.Optional.empty();
    }
}
