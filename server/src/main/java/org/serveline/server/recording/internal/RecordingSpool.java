package org.serveline.server.recording.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.serveline.telephony.dialplan.DialplanContract;

/** The PBX monitor spool this node ingests from, as resolved at start-up. */
record RecordingSpool(Path dir) {

    /**
     * The store key of the attempt's consent-step recording ({@code <attempt>-consent}), when MixMonitor left one
     * in the spool: the keypad consent step an operator handed the party to records apart from the call.
     */
    Optional<String> consentStep(String attemptId) {
        String key = attemptId + DialplanContract.CONSENT_RECORDING_SUFFIX;
        return Files.exists(dir.resolve(key + ".wav")) ? Optional.of(key) : Optional.empty();
    }
}
