package org.serveline.server.call;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.serveline.server.task.ServiceTask;

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

    /**
     * Places an operator call (context {@code serveline-operator}): the PBX rings {@code operatorEndpoint} first,
     * then dials the party and bridges them, recorded under the attempt id. Fails as {@link #originate} does.
     */
    /**
     * How many times the PBX's AMI link came up again after having been up: events may have been lost each time,
     * so the attempts on that PBX are reconciled.
     */
    default long linkReconnects(String pbxId) {
        return 0;
    }

    default CompletableFuture<Void> originateOperatorCall(OperatorCall call) {
        return CompletableFuture.failedFuture(new CallNotPlacedException("operator calls are not supported"));
    }

    /**
     * Redirects the party's side of a live operator call to the IVR consent step ({@code serveline-consent}).
     * Fails with {@link ChannelActionFailedException} when no channel of the attempt is live or the PBX refused.
     */
    default CompletableFuture<Void> redirectToConsent(String pbxId, String attemptId, String operatorEndpoint) {
        return CompletableFuture.failedFuture(new ChannelActionFailedException("redirect is not supported"));
    }

    /** Hangs up every live channel of an attempt; fails with {@link ChannelActionFailedException}. */
    default CompletableFuture<Void> hangUp(String pbxId, String attemptId) {
        return CompletableFuture.failedFuture(new ChannelActionFailedException("hangup is not supported"));
    }

    /** When the first channel of a live attempt came up (an operator call's recording starts then). */
    default Optional<Instant> answeredAt(String attemptId) {
        return Optional.empty();
    }

    /** The registered SIP endpoints of every PBX whose link is up (PJSIPShowContacts); a PBX that fails is left out. */
    default CompletableFuture<List<EndpointStatus>> registeredEndpoints() {
        return CompletableFuture.completedFuture(List.of());
    }

    /** Delivers every later change of an endpoint's registration (AMI ContactStatus); must return quickly. */
    default void onEndpointStatus(Consumer<EndpointStatus> listener) {
    }

    /**
     * Tells a PBX which operator endpoints an IVR transfer (party pressed 0) rings, as the dialplan's global
     * {@code SERVELINE_DEFAULT_OPERATORS}; fails with {@link ChannelActionFailedException}.
     */
    default CompletableFuture<Void> publishTransferOperators(String pbxId, List<String> endpoints) {
        return CompletableFuture.failedFuture(new ChannelActionFailedException("Setvar is not supported"));
    }

    /** One operator call to place: the attempt row exists already. */
    record OperatorCall(String attemptId, long taskId, String pbxId, String trunk, String operatorEndpoint,
            String numberE164, Duration ringTimeout) {
    }

    /** Whether an endpoint ({@code PJSIP/agent100}) is registered on a PBX, and Asterisk's word for it. */
    record EndpointStatus(String pbxId, String endpoint, boolean registered, String status, Instant at) {
    }

    /** A Redirect or Hangup could not be done (no live channel, PBX down or refused). */
    class ChannelActionFailedException extends RuntimeException {

        public ChannelActionFailedException(String message) {
            super(message);
        }
    }

    /** A trunk of a PBX with its capacity, and the PBX's own limit over all its trunks (0: none). */
    record Trunk(String pbxId, String name, int maxChannels, double callsPerSecond, int pbxMaxChannels) {
    }

    /**
     * One call to place: the attempt row exists already.
     *
     * @param task the task as the dialer read it in the transaction that opened the attempt, so that the notice is
     *             prepared without reading it again; {@code null} when the caller has none (it is then read)
     */
    record OutboundCall(String attemptId, long taskId, String pbxId, String trunk, String numberE164,
            Duration ringTimeout, ServiceTask task) {

        public OutboundCall(String attemptId, long taskId, String pbxId, String trunk, String numberE164,
                Duration ringTimeout) {
            this(attemptId, taskId, pbxId, trunk, numberE164, ringTimeout, null);
        }
    }

    /** The PBX answered the Originate with an error: nothing was dialled. */
    class CallNotPlacedException extends RuntimeException {

        public CallNotPlacedException(String message) {
            super(message);
        }
    }
}
