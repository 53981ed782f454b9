package org.serveline.telephony.ami;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.serveline.telephony.ami.internal.AsteriskPbxLink;

/**
 * The AMI connection to one PBX: logs in, reconnects with backoff, and turns the event stream into
 * {@link AmiEvent} records delivered on the link's own event thread (never on the socket reader thread).
 * Subscribers must not block for long: they delay every later event of this PBX (the delay shows in
 * {@link #metrics()}).
 */
public interface PbxLink extends AutoCloseable {

    /** A link backed by asterisk-java; call {@link #start()} to connect. */
    static PbxLink asterisk(PbxConfig config, Clock clock) {
        return new AsteriskPbxLink(config, clock);
    }

    /** As {@link #asterisk(PbxConfig, Clock)}, telling {@code lag} how long each event waited to be handled. */
    static PbxLink asterisk(PbxConfig config, Clock clock, EventLagListener lag) {
        return new AsteriskPbxLink(config, clock, lag);
    }

    String pbxId();

    /** Starts connecting in the background and returns at once; the link then stays connected until closed. */
    void start();

    LinkHealth health();

    LinkMetrics metrics();

    /** Delivers every later event to {@code subscriber} on the link's event thread, in wire order. */
    Subscription subscribe(Consumer<? super AmiEvent> subscriber);

    /**
     * Sends an async Originate ({@code Async: true}) with ActionID {@link OriginateRequest#actionId()} and the
     * channel variables {@link OriginateRequest#channelVariables()}. The future completes (never on the AMI reader
     * thread) when Asterisk queued it, or fails with {@link OriginateRejectedException} (nothing dialled) or
     * {@link OriginateUnconfirmedException} (no response in time; do not redial, reconcile).
     */
    CompletableFuture<OriginateAccepted> originate(OriginateRequest request);

    /**
     * The live channels that carry {@code SERVELINE_ATTEMPT_ID} (CoreShowChannels, then Getvar for each channel
     * whose listing does not already carry the variable). Fails with {@link AmiException} when the link is down.
     */
    CompletableFuture<List<LiveAttempt>> liveAttempts();

    /**
     * Sends a Redirect of {@code channel} to {@code target} (e.g. an operator call's party to the IVR consent step).
     * Completes when Asterisk confirmed it; fails with {@link AmiException} when the link is down, Asterisk refused
     * it (no such channel, ...) or no response came in time.
     */
    default CompletableFuture<Void> redirect(String channel, OriginateRequest.Dialplan target) {
        return CompletableFuture.failedFuture(new AmiException("Redirect is not supported by " + getClass().getName()));
    }

    /**
     * Sends a Hangup of {@code channel} with the given Q.850 {@code cause} (16 = normal clearing). Completes when
     * Asterisk confirmed it; fails with {@link AmiException} as {@link #redirect} does.
     */
    default CompletableFuture<Void> hangup(String channel, int cause) {
        return CompletableFuture.failedFuture(new AmiException("Hangup is not supported by " + getClass().getName()));
    }

    /**
     * Sets a global dialplan variable (Setvar without a channel), e.g. who an IVR transfer rings. Completes when
     * Asterisk confirmed it; fails with {@link AmiException} as {@link #redirect} does.
     */
    default CompletableFuture<Void> setGlobalVariable(String name, String value) {
        return CompletableFuture.failedFuture(new AmiException("Setvar is not supported by " + getClass().getName()));
    }

    /**
     * The PJSIP endpoints the PBX knows and whether each is registered right now (DeviceStateList: needs only
     * {@code write=reporting}). Later changes arrive as {@link AmiEvent.ContactStatus} events. Fails with
     * {@link AmiException} when the link is down or Asterisk refused the action.
     */
    default CompletableFuture<List<RegisteredContact>> contacts() {
        return CompletableFuture.failedFuture(new AmiException("DeviceStateList is not supported by "
                + getClass().getName()));
    }

    /** Logs off, stops reconnecting, and ends every thread the link started. */
    @Override
    void close();
}
