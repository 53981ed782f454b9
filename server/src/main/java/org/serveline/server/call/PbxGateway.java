package org.serveline.server.call;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * What the dialer needs of the PBXs: their trunks and limits, whether a PBX's link is up, placing a call, and
 * the attempts still live on a PBX. Implemented over the telephony module (AMI + FastAGI); call ends and
 * notice results come back as {@link CallEnded} and {@link NoticeHeard} events.
 */
public interface PbxGateway {

    List<Trunk> trunks();

    boolean isUp(String pbxId);

    /**
     * Sends the Originate. Completes when the PBX queued it; fails with {@link CallNotPlacedException} when
     * the PBX refused it (nothing was dialled), or with another exception when the outcome is unknown (the
     * attempt is then reconciled, never redialled blindly).
     */
    CompletableFuture<Void> originate(OutboundCall call);

    /** Attempt ids with a live channel on that PBX right now. */
    CompletableFuture<Set<String>> liveAttemptIds(String pbxId);

    /** A trunk of a PBX with its capacity. */
    record Trunk(String pbxId, String name, int maxChannels, double callsPerSecond) {
    }

    /** One call to place: the attempt row exists already. */
    record OutboundCall(String attemptId, long taskId, String pbxId, String trunk, String numberE164,
            Duration ringTimeout) {
    }

    /** The PBX answered the Originate with an error: nothing was dialled. */
    class CallNotPlacedException extends RuntimeException {

        public CallNotPlacedException(String message) {
            super(message);
        }
    }
}
