package org.serveline.telephony.call;

import java.time.Instant;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

import org.serveline.telephony.ami.AmiEvent;
import org.serveline.telephony.ami.LinkHealth;
import org.serveline.telephony.ami.LinkMetrics;
import org.serveline.telephony.ami.LiveAttempt;
import org.serveline.telephony.ami.OriginateAccepted;
import org.serveline.telephony.ami.OriginateRequest;
import org.serveline.telephony.ami.PbxLink;
import org.serveline.telephony.ami.Subscription;

/** A PbxLink without a PBX: the test pushes events and decides how originates end. */
final class StubPbxLink implements PbxLink {

    private final List<Consumer<? super AmiEvent>> subscribers = new CopyOnWriteArrayList<>();
    final List<OriginateRequest> originated = new CopyOnWriteArrayList<>();
    volatile Function<OriginateRequest, CompletableFuture<OriginateAccepted>> onOriginate =
            request -> CompletableFuture.completedFuture(
                    new OriginateAccepted("stub", request.attemptId(), request.actionId(), Instant.EPOCH));

    /** What {@link #liveAttempts()} answers. */
    volatile List<LiveAttempt> live = List.of();

    void push(AmiEvent event) {
        subscribers.forEach(subscriber -> subscriber.accept(event));
    }

    @Override
    public String pbxId() {
        return "stub";
    }

    @Override
    public void start() {
    }

    @Override
    public LinkHealth health() {
        return new LinkHealth("stub", LinkHealth.Status.UP, Instant.EPOCH, Optional.empty(), "stub", 0);
    }

    @Override
    public LinkMetrics metrics() {
        return new LinkMetrics(0, 0, 0, 0, Duration.ZERO, Duration.ZERO, Duration.ZERO, 0, 0);
    }

    @Override
    public Subscription subscribe(Consumer<? super AmiEvent> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    @Override
    public CompletableFuture<OriginateAccepted> originate(OriginateRequest request) {
        originated.add(request);
        return onOriginate.apply(request);
    }

    @Override
    public CompletableFuture<List<LiveAttempt>> liveAttempts() {
        return CompletableFuture.completedFuture(live);
    }

    @Override
    public void close() {
    }
}
