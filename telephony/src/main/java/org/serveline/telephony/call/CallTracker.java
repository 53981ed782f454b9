package org.serveline.telephony.call;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.serveline.telephony.ami.AmiEvent;
import org.serveline.telephony.ami.AmiEvent.ChannelRef;
import org.serveline.telephony.ami.LiveAttempt;
import org.serveline.telephony.ami.OriginateAccepted;
import org.serveline.telephony.ami.OriginateRejectedException;
import org.serveline.telephony.ami.OriginateRequest;
import org.serveline.telephony.ami.PbxLink;
import org.serveline.telephony.ami.Subscription;
import org.serveline.telephony.dialplan.DialplanContract;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one PBX's AMI stream into exactly one {@link AttemptOutcome} per attempt originated through it.
 *
 * <p>An answered attempt is settled when the call's last channel has hung up (every leg sharing its Linkedid: both
 * halves of a Local channel, the operator's phone, the channels a Local channel optimised itself away for), never
 * earlier: the recording is complete then, and the call is live until then. An unanswered one is settled by its
 * failed OriginateResponse. When the AMI link is lost, the open attempts wait for it to come back; the PBX then lists
 * its live channels, and an attempt with none left is settled {@link OutcomeKind#PBX_FAILURE} ("channel vanished").
 *
 * <p>Correlation never relies on timing: the OriginateResponse is matched by ActionID, its Uniqueid ties the
 * attempt to the call's Linkedid group; a {@code SERVELINE_ATTEMPT_ID} VarSet ties it too. Channel events that
 * arrive before the attempt is tied (or before the OriginateResponse) are kept per Linkedid, so order does not
 * matter. Outcomes are delivered on the link's event thread or the tracker's timer thread: listeners must be quick.
 */
public final class CallTracker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CallTracker.class);

    private final PbxLink link;
    private final TrackerSettings settings;
    private final Clock clock;
    private final Object lock = new Object();
    private final Map<String, TrackedAttempt> byActionId = new HashMap<>();
    private final Map<String, TrackedAttempt> byAttemptId = new HashMap<>();
    private final CallGroups groups = new CallGroups();
    private final List<Consumer<? super AttemptOutcome>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<? super AttemptAnswered>> answerListeners = new CopyOnWriteArrayList<>();
    /** Answers found under the lock, delivered (before any outcome) once it is released. */
    private final List<AttemptAnswered> pendingAnswers = new ArrayList<>();
    private final ScheduledThreadPoolExecutor timers;
    private final Subscription subscription;
    private final AtomicLong unknownActionIds = new AtomicLong();

    public CallTracker(PbxLink link, TrackerSettings settings, Clock clock) {
        this.link = link;
        this.settings = settings;
        this.clock = clock;
        this.timers = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon(true).name("serveline-tracker-" + link.pbxId() + "-timers").factory());
        this.timers.setRemoveOnCancelPolicy(true);
        long sweep = settings.groupRetention().toMillis();
        this.timers.scheduleWithFixedDelay(this::sweep, sweep, sweep, TimeUnit.MILLISECONDS);
        this.subscription = link.subscribe(this::accept);
    }

    /** Registers {@code listener} for every outcome settled from now on. */
    public Subscription onOutcome(Consumer<? super AttemptOutcome> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Registers {@code listener} for every answer of a live call from now on (see {@link AttemptAnswered}). */
    public Subscription onAnswered(Consumer<? super AttemptAnswered> listener) {
        answerListeners.add(listener);
        return () -> answerListeners.remove(listener);
    }

    /**
     * Tracks the attempt, then originates it through the link. If the link refuses (nothing dialled), the
     * attempt is settled {@link OutcomeKind#FAILED} and the future fails too.
     *
     * @throws IllegalStateException if this attempt id is already being tracked
     */
    public CompletableFuture<OriginateAccepted> originate(OriginateRequest request) {
        track(request);
        return link.originate(request).whenComplete((accepted, error) -> {
            Throwable cause = error instanceof CompletionException ? error.getCause() : error;
            if (cause instanceof OriginateRejectedException) {
                settleLater(request.attemptId(), OutcomeKind.FAILED, "originate rejected: " + cause.getMessage());
            }
        });
    }

    /** Attempts originated but not settled yet. */
    public int openAttempts() {
        synchronized (lock) {
            return byAttemptId.size();
        }
    }

    /** OriginateResponse events whose ActionID matched no open attempt (logged, then ignored). */
    public long unknownActionIds() {
        return unknownActionIds.get();
    }

    @Override
    public void close() {
        subscription.close();
        timers.shutdownNow();
        try {
            timers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Takes over an attempt found alive on the PBX after a restart ({@link PbxLink#liveAttempts()}), so that it
     * still gets its one outcome. An Up channel counts as answered when it was created (its age is all we know);
     * any other is settled by its OriginateResponse, which Asterisk sends to every AMI session and which carries the
     * attempt's ActionID, or FAILED after twice the response grace. Does nothing if the attempt is already tracked.
     */
    public void adopt(LiveAttempt live) {
        List<AttemptOutcome> settled = new ArrayList<>();
        synchronized (lock) {
            String linkedId = live.linkedId().isEmpty() ? live.uniqueId() : live.linkedId();
            TrackedAttempt known = byAttemptId.get(live.attemptId());
            if (known != null) {
                if (linkedId.equals(known.linkedId)) {
                    // another leg of the same call
                    groups.get(linkedId).ifPresent(group -> group.live(live.uniqueId(), live.channel()));
                }
                return;
            }
            Instant now = clock.instant();
            TrackedAttempt attempt = register(live.attemptId(), live.taskId().orElse(""),
                    OriginateRequest.actionIdFor(live.attemptId()), settings.responseGrace().multipliedBy(2), false);
            bind(attempt, linkedId);
            groups.getOrCreate(linkedId, now).live(live.uniqueId(), live.channel());
            if ("Up".equalsIgnoreCase(live.state())) {
                Instant answeredAt = now.minus(age(live.duration()));
                groups.getOrCreate(linkedId, now).answeredBefore(live.uniqueId(), live.channel(), answeredAt);
                attempt.response = new AmiEvent.OriginateResponse(answeredAt, attempt.actionId, true, 4,
                        live.channel(), Optional.of(live.uniqueId()), "", "", "", "");
                evaluate(attempt, now, settled);
            }
            log.info("PBX {}: adopted live attempt {} on {} ({})", link.pbxId(), live.attemptId(), live.channel(),
                    live.state());
        }
        deliver(settled);
    }

    void track(OriginateRequest request) {
        synchronized (lock) {
            if (byAttemptId.containsKey(request.attemptId())) {
                throw new IllegalStateException("attempt " + request.attemptId() + " is already being tracked");
            }
            boolean operatorCall = request.target() instanceof OriginateRequest.Dialplan plan
                    && plan.context().equals(DialplanContract.OPERATOR_CONTEXT);
            register(request.attemptId(), request.taskId(), request.actionId(),
                    request.timeout().plus(settings.responseGrace()), operatorCall);
        }
    }

    private TrackedAttempt register(String attemptId, String taskId, String actionId, Duration responseDeadline,
                                    boolean operatorCall) {
        TrackedAttempt attempt = new TrackedAttempt(attemptId, taskId, actionId, clock.instant(), operatorCall);
        byAttemptId.put(attemptId, attempt);
        byActionId.put(actionId, attempt);
        attempt.deadline = timers.schedule(() -> deadlinePassed(attempt), responseDeadline.toMillis(),
                TimeUnit.MILLISECONDS);
        return attempt;
    }

    /** CoreShowChannels reports a channel's age as HH:MM:SS; zero when unreadable. */
    private static Duration age(String duration) {
        String[] parts = duration.split(":");
        try {
            if (parts.length == 3) {
                return Duration.ofHours(Long.parseLong(parts[0])).plusMinutes(Long.parseLong(parts[1]))
                        .plusSeconds(Long.parseLong(parts[2]));
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        return Duration.ZERO;
    }

    void accept(AmiEvent event) {
        List<AttemptOutcome> settled = new ArrayList<>();
        synchronized (lock) {
            Optional<TrackedAttempt> touched = switch (event) {
                case AmiEvent.Newchannel e -> attemptOf(seen(e.channel(), e.receivedAt()));
                case AmiEvent.Newstate e -> attemptOf(seen(e.channel(), e.receivedAt()));
                case AmiEvent.VarSet e -> attemptOf(varSet(e));
                case AmiEvent.DialEnd e -> {
                    CallGroup group = seen(e.destination(), e.receivedAt());
                    group.dialEnded(e.dialStatus(), e.receivedAt());
                    yield attemptOf(group);
                }
                case AmiEvent.HangupRequest e -> {
                    CallGroup group = seen(e.channel(), e.receivedAt());
                    group.ending(e.channel(), e.soft() ? CallGroup.EndKind.LOCAL_REQUEST
                            : CallGroup.EndKind.REMOTE_REQUEST, e.receivedAt());
                    yield attemptOf(group);
                }
                case AmiEvent.Hangup e -> {
                    CallGroup group = seen(e.channel(), e.receivedAt());
                    group.hungUp(e.channel(), e.cause(), e.receivedAt());
                    yield attemptOf(group);
                }
                case AmiEvent.OriginateResponse e -> originateResponse(e);
                case AmiEvent.OtherEvent e when e.name().equals("LocalOptimizationBegin") ->
                        groups.localOptimisation(e).flatMap(this::attemptOf);
                case AmiEvent.LinkLost e -> {
                    linkLost(e);
                    yield Optional.empty();
                }
                case AmiEvent.LinkUp e -> {
                    if (e.again()) {
                        linkBack(e.receivedAt());
                    }
                    yield Optional.empty();
                }
                default -> Optional.empty();
            };
            touched.ifPresent(attempt -> evaluate(attempt, clock.instant(), settled));
        }
        deliver(settled);
    }

    /** Every open attempt may lose events from now on: remember it, so that the link's return checks on it. */
    private void linkLost(AmiEvent.LinkLost event) {
        for (TrackedAttempt attempt : byAttemptId.values()) {
            if (attempt.linkLost == null) {
                attempt.linkLost = event.reason();
                attempt.linkLostAt = event.receivedAt();
            }
        }
        if (!byAttemptId.isEmpty()) {
            log.warn("PBX {}: AMI link lost ({}) with {} attempt(s) open; they are checked when it is back",
                    link.pbxId(), event.reason(), byAttemptId.size());
        }
    }

    /** The link is back: ask the PBX which channels still live (off the event thread), then settle the vanished. */
    private void linkBack(Instant at) {
        if (byAttemptId.values().stream().noneMatch(attempt -> attempt.linkLost != null)) {
            return;
        }
        link.liveAttempts().whenComplete((live, failure) -> {
            if (failure != null) {
                log.warn("PBX {}: could not list live channels after the link came back; next reconnect retries: {}",
                        link.pbxId(), failure.toString());
                return;
            }
            checkAfterLinkLoss(live, at);
        });
    }

    void checkAfterLinkLoss(List<LiveAttempt> live, Instant backAt) {
        List<AttemptOutcome> settled = new ArrayList<>();
        synchronized (lock) {
            Instant now = clock.instant();
            for (TrackedAttempt attempt : List.copyOf(byAttemptId.values())) {
                if (attempt.linkLost == null || attempt.settled) {
                    continue;
                }
                List<LiveAttempt> legs = live.stream().filter(l -> l.attemptId().equals(attempt.attemptId)).toList();
                Optional<CallGroup> group = groups.get(attempt.linkedId);
                boolean alive = !legs.isEmpty();
                if (alive && group.isPresent()) {
                    legs.forEach(leg -> group.get().live(leg.uniqueId(), leg.channel()));
                    alive = group.get().keepOnly(legs.stream().map(LiveAttempt::uniqueId)
                            .collect(java.util.stream.Collectors.toSet()), now);
                }
                if (alive) {
                    log.info("PBX {}: attempt {} survived the link loss ({} live channel(s))", link.pbxId(),
                            attempt.attemptId, legs.size());
                    attempt.linkLost = null;
                    attempt.linkLostAt = null;
                    evaluate(attempt, now, settled);
                    continue;
                }
                settled.add(settle(attempt, CallVerdicts.pbxFailure(attempt, group, now, "PBX failure: AMI link lost at "
                        + attempt.linkLostAt + " (" + attempt.linkLost + "); channel vanished: no live channel of the "
                        + "attempt when the link came back at " + backAt)));
            }
        }
        deliver(settled);
    }

    private Optional<TrackedAttempt> attemptOf(CallGroup group) {
        return group.attemptId().map(byAttemptId::get);
    }

    private CallGroup seen(ChannelRef channel, Instant at) {
        return groups.seen(channel, at);
    }

    private CallGroup varSet(AmiEvent.VarSet event) {
        CallGroup group = seen(event.channel(), event.receivedAt());
        if (event.variable().equals(DialplanContract.AMD_STATUS_VARIABLE)
                || event.variable().equals(DialplanContract.AMD_CAUSE_VARIABLE)) {
            group.variable(event.variable(), event.value());
        }
        if (event.variable().equals(DialplanContract.ATTEMPT_ID_VARIABLE) && group.attemptId().isEmpty()) {
            TrackedAttempt attempt = byAttemptId.get(event.value());
            if (attempt != null && attempt.linkedId == null) {
                bind(attempt, group.linkedId());
            }
        }
        return group;
    }

    private Optional<TrackedAttempt> originateResponse(AmiEvent.OriginateResponse event) {
        TrackedAttempt attempt = byActionId.get(event.actionId());
        if (attempt == null) {
            unknownActionIds.incrementAndGet();
            log.warn("PBX {}: OriginateResponse for unknown ActionID '{}' (reason {}, channel {}) ignored",
                    link.pbxId(), event.actionId(), event.reason(), event.channel());
            return Optional.empty();
        }
        if (attempt.response != null) {
            log.warn("PBX {}: second OriginateResponse for attempt {} ignored", link.pbxId(),
                    attempt.attemptId);
            return Optional.empty();
        }
        attempt.response = event;
        event.uniqueId().ifPresent(uniqueId -> {
            if (attempt.linkedId == null) {
                bind(attempt, groups.linkedIdOf(uniqueId));
            }
        });
        return Optional.of(attempt);
    }

    private void bind(TrackedAttempt attempt, String linkedId) {
        attempt.linkedId = linkedId;
        groups.getOrCreate(linkedId, clock.instant()).bind(attempt.attemptId);
    }

    /** Settles the attempt if the facts suffice; otherwise waits for more events (the last hang-up). */
    private void evaluate(TrackedAttempt attempt, Instant now, List<AttemptOutcome> settled) {
        if (attempt.settled || attempt.response == null) {
            return;
        }
        Optional<CallGroup> group = groups.get(attempt.linkedId);
        if (attempt.response.success()) {
            reportAnswers(attempt, group);
        }
        if (!attempt.response.success() && group.isPresent() && !group.get().allHungUp() && !attempt.endOverdue) {
            // the legs' hang-ups (and their causes) follow the response within milliseconds: wait for them
            if (attempt.endWait == null) {
                attempt.endWait = timers.schedule(() -> endOverdue(attempt), settings.responseGrace().toMillis(),
                        TimeUnit.MILLISECONDS);
            }
            return;
        }
        CallVerdicts.of(attempt, group, settings.earlyHangupWindow(), now)
                .ifPresent(verdict -> settled.add(settle(attempt, verdict)));
    }

    /** Queues an {@link AttemptAnswered} when the call shows an answer not reported yet. */
    private void reportAnswers(TrackedAttempt attempt, Optional<CallGroup> group) {
        Optional<Instant> party = attempt.operatorCall
                ? group.flatMap(g -> CallVerdicts.partyAnsweredAt(attempt, g))
                : Optional.of(group.flatMap(g -> CallVerdicts.partyAnsweredAt(attempt, g))
                        .orElse(attempt.response.receivedAt()));
        Optional<Instant> operator = attempt.operatorCall
                ? Optional.of(group.flatMap(g -> CallVerdicts.operatorAnsweredAt(attempt, g))
                        .orElse(attempt.response.receivedAt()))
                : Optional.empty();
        boolean news = (party.isPresent() && !attempt.partyAnswerReported)
                || (operator.isPresent() && !attempt.operatorAnswerReported);
        if (news) {
            attempt.partyAnswerReported |= party.isPresent();
            attempt.operatorAnswerReported |= operator.isPresent();
            pendingAnswers.add(new AttemptAnswered(link.pbxId(), attempt.attemptId, party, operator));
        }
    }

    private AttemptOutcome settle(TrackedAttempt attempt, OutcomeKind kind, String evidence) {
        return settle(attempt, CallVerdicts.bare(kind, clock.instant(), evidence));
    }

    private AttemptOutcome settle(TrackedAttempt attempt, CallVerdicts.Verdict verdict) {
        attempt.settled = true;
        attempt.cancelTimers();
        byAttemptId.remove(attempt.attemptId);
        byActionId.remove(attempt.actionId);
        AttemptOutcome outcome = new AttemptOutcome(link.pbxId(), attempt.attemptId, attempt.taskId, verdict.kind(),
                verdict.answeredAt(), verdict.operatorAnsweredAt(), verdict.endedAt(), verdict.hangupCause(),
                clock.instant(), attempt.controlUniqueId(), verdict.evidence());
        log.info("PBX {}: attempt {} settled {} ({})", link.pbxId(), outcome.attemptId(), verdict.kind(),
                verdict.evidence());
        return outcome;
    }

    /** A failed call whose legs did not all report their hang-up in time: decide on what is known. */
    private void endOverdue(TrackedAttempt attempt) {
        List<AttemptOutcome> settled = new ArrayList<>();
        synchronized (lock) {
            attempt.endOverdue = true;
            evaluate(attempt, clock.instant(), settled);
        }
        deliver(settled);
    }

    private void deadlinePassed(TrackedAttempt attempt) {
        List<AttemptOutcome> settled = new ArrayList<>();
        synchronized (lock) {
            if (!attempt.settled && attempt.response == null && attempt.linkLost != null) {
                settled.add(settle(attempt, OutcomeKind.PBX_FAILURE, "PBX failure: AMI link lost at "
                        + attempt.linkLostAt + " (" + attempt.linkLost + ") before the OriginateResponse, and none came"));
            } else if (!attempt.settled && attempt.response == null) {
                log.warn("PBX {}: no OriginateResponse for attempt {} within its timeout plus {}; settling FAILED "
                        + "(reconcile with liveAttempts if the link was down)", link.pbxId(),
                        attempt.attemptId, settings.responseGrace());
                settled.add(settle(attempt, OutcomeKind.FAILED, "no OriginateResponse"));
            }
        }
        deliver(settled);
    }

    private void settleLater(String attemptId, OutcomeKind kind, String evidence) {
        List<AttemptOutcome> settled = new ArrayList<>();
        synchronized (lock) {
            TrackedAttempt attempt = byAttemptId.get(attemptId);
            if (attempt != null && !attempt.settled) {
                settled.add(settle(attempt, kind, evidence));
            }
        }
        deliver(settled);
    }

    private void deliver(List<AttemptOutcome> outcomes) {
        List<AttemptAnswered> answers;
        synchronized (lock) {
            answers = List.copyOf(pendingAnswers);
            pendingAnswers.clear();
        }
        for (AttemptAnswered answered : answers) {
            for (Consumer<? super AttemptAnswered> listener : answerListeners) {
                try {
                    listener.accept(answered);
                } catch (RuntimeException e) {
                    log.error("PBX {}: answer listener failed on attempt {}", link.pbxId(), answered.attemptId(), e);
                }
            }
        }
        for (AttemptOutcome outcome : outcomes) {
            for (Consumer<? super AttemptOutcome> listener : listeners) {
                try {
                    listener.accept(outcome);
                } catch (RuntimeException e) {
                    log.error("PBX {}: outcome listener failed on attempt {}", link.pbxId(), outcome.attemptId(), e);
                }
            }
        }
    }

    /** Forgets calls that ended or went quiet longer than the retention and belong to no open attempt. */
    private void sweep() {
        synchronized (lock) {
            Instant horizon = clock.instant().minus(settings.groupRetention());
            groups.forgetQuietSince(horizon, group -> group.attemptId().map(byAttemptId::containsKey).orElse(false));
        }
    }

    int rememberedCalls() {
        synchronized (lock) {
            return groups.size();
        }
    }
}
