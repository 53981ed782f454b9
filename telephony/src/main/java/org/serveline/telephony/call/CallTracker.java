package org.serveline.telephony.call;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
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
    /** What Asterisk's AMD() leaves on the channel: MACHINE, HUMAN, NOTSURE or HANGUP, and why. */
    static final String AMD_STATUS = DialplanContract.AMD_STATUS_VARIABLE;
    static final String AMD_CAUSE = DialplanContract.AMD_CAUSE_VARIABLE;

    private final PbxLink link;
    private final TrackerSettings settings;
    private final Clock clock;
    private final Object lock = new Object();
    private final Map<String, TrackedAttempt> byActionId = new HashMap<>();
    private final Map<String, TrackedAttempt> byAttemptId = new HashMap<>();
    private final Map<String, CallGroup> groups = new LinkedHashMap<>();
    private final Map<String, String> linkedIdByUniqueId = new HashMap<>();
    private final List<Consumer<? super AttemptOutcome>> listeners = new CopyOnWriteArrayList<>();
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
                if (linkedId.equals(known.linkedId) && groups.containsKey(linkedId)) {
                    groups.get(linkedId).live(live.uniqueId(), live.channel()); // another leg of the same call
                }
                return;
            }
            Instant now = clock.instant();
            TrackedAttempt attempt = register(live.attemptId(), live.taskId().orElse(""),
                    OriginateRequest.actionIdFor(live.attemptId()), settings.responseGrace().multipliedBy(2), false);
            bind(attempt, linkedId);
            groups.get(linkedId).live(live.uniqueId(), live.channel());
            if ("Up".equalsIgnoreCase(live.state())) {
                Instant answeredAt = now.minus(age(live.duration()));
                groups.get(linkedId).answeredBefore(live.uniqueId(), live.channel(), answeredAt);
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
                case AmiEvent.OtherEvent e when e.name().equals("LocalOptimizationBegin") -> localOptimisation(e);
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

    private Optional<TrackedAttempt> localOptimisation(AmiEvent.OtherEvent event) {
        Optional<TrackedAttempt> touched = Optional.empty();
        for (String half : List.of("LocalOneUniqueid", "LocalTwoUniqueid")) {
            String uniqueId = event.headers().getOrDefault(half, "");
            CallGroup group = uniqueId.isEmpty() ? null : groups.get(linkedIdByUniqueId.get(uniqueId));
            if (group != null) {
                group.optimisingAway(uniqueId);
                touched = attemptOf(group);
            }
        }
        return touched;
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
                Optional<CallGroup> group = Optional.ofNullable(attempt.linkedId).map(groups::get);
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
                Optional<Instant> answeredAt = group.flatMap(g -> partyAnsweredAt(attempt, g));
                settled.add(settle(attempt, OutcomeKind.PBX_FAILURE, answeredAt,
                        group.flatMap(g -> operatorAnsweredAt(attempt, g)), now,
                        OptionalInt.empty(), "PBX failure: AMI link lost at " + attempt.linkLostAt + " ("
                        + attempt.linkLost + "); channel vanished: no live channel of the attempt when the link came "
                        + "back at " + backAt));
            }
        }
        deliver(settled);
    }

    private Optional<TrackedAttempt> attemptOf(CallGroup group) {
        return group.attemptId().map(byAttemptId::get);
    }

    private CallGroup seen(ChannelRef channel, Instant at) {
        String linkedId = channel.linkedId().isEmpty()
                ? linkedIdByUniqueId.getOrDefault(channel.uniqueId(), channel.uniqueId()) : channel.linkedId();
        if (!channel.uniqueId().isEmpty()) {
            linkedIdByUniqueId.put(channel.uniqueId(), linkedId);
        }
        CallGroup group = groups.computeIfAbsent(linkedId, id -> new CallGroup(id, at));
        group.seen(channel, at);
        return group;
    }

    private CallGroup varSet(AmiEvent.VarSet event) {
        CallGroup group = seen(event.channel(), event.receivedAt());
        if (event.variable().equals(AMD_STATUS) || event.variable().equals(AMD_CAUSE)) {
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
                bind(attempt, linkedIdByUniqueId.getOrDefault(uniqueId, uniqueId));
            }
        });
        return Optional.of(attempt);
    }

    private void bind(TrackedAttempt attempt, String linkedId) {
        attempt.linkedId = linkedId;
        groups.computeIfAbsent(linkedId, id -> new CallGroup(id, clock.instant())).bind(attempt.attemptId);
    }

    /** Settles the attempt if the facts suffice; otherwise waits for more events (the last hang-up). */
    private void evaluate(TrackedAttempt attempt, Instant now, List<AttemptOutcome> settled) {
        if (attempt.settled || attempt.response == null) {
            return;
        }
        AmiEvent.OriginateResponse response = attempt.response;
        Optional<CallGroup> group = Optional.ofNullable(attempt.linkedId).map(groups::get);
        String control = attempt.controlUniqueId().orElse(null);
        if (!response.success()) {
            if (group.isPresent() && !group.get().allHungUp() && !attempt.endOverdue) {
                // the legs' hang-ups (and their causes) follow the response within milliseconds: wait for them
                if (attempt.endWait == null) {
                    attempt.endWait = timers.schedule(() -> endOverdue(attempt), settings.responseGrace().toMillis(),
                            TimeUnit.MILLISECONDS);
                }
                return;
            }
            settled.add(unanswered(attempt, group, "OriginateResponse Failure reason " + response.reason(),
                    response.reason(), now));
            return;
        }
        if (group.isEmpty() || !group.get().allHungUp()) {
            return; // the call is live: it ends when its last channel hangs up
        }
        CallGroup call = group.get();
        Optional<Instant> partyAnswered = partyAnsweredAt(attempt, call);
        Optional<Instant> operatorAnswered = operatorAnsweredAt(attempt, call);
        if (partyAnswered.isEmpty()) {
            // an operator call whose party never answered: the operator's Dial() tells why
            settled.add(unanswered(attempt, group, "operator answered at " + operatorAnswered.orElse(null)
                    + ", the party never did", 0, now));
            return;
        }
        Instant answeredAt = partyAnswered.get();
        Instant endedAt = call.endedAt().orElse(now);
        String amdStatus = call.variable(AMD_STATUS);
        Optional<CallGroup.EndSignal> end = call.firstEndSince(answeredAt);
        boolean partyEnded = end.map(signal -> signal.partyEnded(control, attempt.operatorCall)).orElse(false);
        Duration answeredFor = Duration.between(answeredAt, end.map(CallGroup.EndSignal::at).orElse(endedAt));
        OutcomeKind kind = OutcomeTable.answered(partyEnded, answeredFor, settings.earlyHangupWindow(), amdStatus);
        String evidence = "OriginateResponse Success reason " + response.reason() + "; party answered at " + answeredAt
                + operatorAnswered.map(at -> ", operator at " + at).orElse("")
                + end.map(signal -> "; first end " + signal.kind() + " on " + signal.channel() + " after "
                        + answeredFor.toMillis() + " ms (" + (partyEnded ? "party" : "our side") + ")").orElse("")
                + "; last channel hung up at " + endedAt + "; hangup causes " + call.causesPartyFirst(control)
                + (amdStatus.isEmpty() ? "" : "; AMDSTATUS " + amdStatus + " AMDCAUSE " + call.variable(AMD_CAUSE));
        settled.add(settle(attempt, kind, Optional.of(answeredAt), operatorAnswered, endedAt,
                hangupCause(call, control), evidence));
    }

    private AttemptOutcome unanswered(TrackedAttempt attempt, Optional<CallGroup> group, String fact, int reason,
                                      Instant now) {
        String control = attempt.controlUniqueId().orElse(null);
        String dialStatus = group.map(CallGroup::dialStatus).orElse("");
        List<Integer> causes = group.map(g -> g.causesPartyFirst(control)).orElse(List.of());
        OutcomeKind kind = OutcomeTable.unanswered(reason, dialStatus, causes);
        Instant endedAt = group.flatMap(CallGroup::endedAt).orElse(now);
        return settle(attempt, kind, Optional.empty(), group.flatMap(g -> operatorAnsweredAt(attempt, g)), endedAt,
                group.map(g -> hangupCause(g, control)).orElse(OptionalInt.empty()),
                fact + (dialStatus.isEmpty() ? "" : "; DialEnd " + dialStatus) + "; hangup causes " + causes);
    }

    /**
     * When the party answered: on a notice call the first leg up (the originated channel faces the party), no later
     * than the OriginateResponse; on an operator call the first leg up other than the operator's phone.
     */
    private static Optional<Instant> partyAnsweredAt(TrackedAttempt attempt, CallGroup group) {
        if (attempt.operatorCall) {
            return attempt.controlUniqueId().flatMap(control -> group.firstUpExcept(control));
        }
        if (attempt.response == null || !attempt.response.success()) {
            return group.firstUp();
        }
        Instant responded = attempt.response.receivedAt();
        return Optional.of(group.firstUp().filter(up -> up.isBefore(responded)).orElse(responded));
    }

    private static Optional<Instant> operatorAnsweredAt(TrackedAttempt attempt, CallGroup group) {
        if (!attempt.operatorCall || attempt.response == null || !attempt.response.success()) {
            return Optional.empty();
        }
        Instant responded = attempt.response.receivedAt();
        return Optional.of(attempt.controlUniqueId().flatMap(group::upAt).filter(up -> up.isBefore(responded))
                .orElse(responded));
    }

    /** The party leg's cause (Local ";2" first); a cause of 0 only when no leg gave a real one. */
    private static OptionalInt hangupCause(CallGroup group, String control) {
        List<Integer> causes = group.causesPartyFirst(control);
        OptionalInt real = causes.stream().filter(cause -> cause > 0).mapToInt(Integer::intValue).findFirst();
        return real.isPresent() ? real : causes.stream().mapToInt(Integer::intValue).findFirst();
    }

    private AttemptOutcome settle(TrackedAttempt attempt, OutcomeKind kind, Optional<Instant> answeredAt,
                                  String evidence) {
        Instant now = clock.instant();
        return settle(attempt, kind, answeredAt, Optional.empty(), now, OptionalInt.empty(), evidence);
    }

    private AttemptOutcome settle(TrackedAttempt attempt, OutcomeKind kind, Optional<Instant> answeredAt,
                                  Optional<Instant> operatorAnsweredAt, Instant endedAt, OptionalInt hangupCause,
                                  String evidence) {
        attempt.settled = true;
        attempt.cancelTimers();
        byAttemptId.remove(attempt.attemptId);
        byActionId.remove(attempt.actionId);
        AttemptOutcome outcome = new AttemptOutcome(link.pbxId(), attempt.attemptId, attempt.taskId, kind, answeredAt,
                operatorAnsweredAt, endedAt, hangupCause, clock.instant(), attempt.controlUniqueId(), evidence);
        log.info("PBX {}: attempt {} settled {} ({})", link.pbxId(), outcome.attemptId(), kind, evidence);
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
                settled.add(settle(attempt, OutcomeKind.PBX_FAILURE, Optional.empty(), "PBX failure: AMI link lost at "
                        + attempt.linkLostAt + " (" + attempt.linkLost + ") before the OriginateResponse, and none came"));
            } else if (!attempt.settled && attempt.response == null) {
                log.warn("PBX {}: no OriginateResponse for attempt {} within its timeout plus {}; settling FAILED "
                        + "(reconcile with liveAttempts if the link was down)", link.pbxId(),
                        attempt.attemptId, settings.responseGrace());
                settled.add(settle(attempt, OutcomeKind.FAILED, Optional.empty(), "no OriginateResponse"));
            }
        }
        deliver(settled);
    }

    private void settleLater(String attemptId, OutcomeKind kind, String evidence) {
        List<AttemptOutcome> settled = new ArrayList<>();
        synchronized (lock) {
            TrackedAttempt attempt = byAttemptId.get(attemptId);
            if (attempt != null && !attempt.settled) {
                settled.add(settle(attempt, kind, Optional.empty(), evidence));
            }
        }
        deliver(settled);
    }

    private void deliver(List<AttemptOutcome> outcomes) {
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
            Iterator<CallGroup> it = groups.values().iterator();
            while (it.hasNext()) {
                CallGroup group = it.next();
                boolean open = group.attemptId().map(byAttemptId::containsKey).orElse(false);
                if (!open && group.lastActivity().isBefore(horizon)) {
                    group.uniqueIds().forEach(linkedIdByUniqueId::remove);
                    it.remove();
                }
            }
        }
    }

    int rememberedCalls() {
        synchronized (lock) {
            return groups.size();
        }
    }
}
