package org.serveline.server.pbx;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.serveline.server.call.CallAttempts;
import org.serveline.server.call.PbxGateway;
import org.serveline.telephony.ami.AmiEvent;
import org.serveline.telephony.ami.AttemptAnswers;
import org.serveline.telephony.ami.LiveAttempt;
import org.serveline.telephony.ami.OriginateRejectedException;
import org.serveline.telephony.ami.OriginateRequest;
import org.serveline.telephony.ami.PbxConfig;
import org.serveline.telephony.ami.PbxLink;
import org.serveline.telephony.call.CallTracker;
import org.serveline.telephony.call.TrackerSettings;
import org.serveline.telephony.dialplan.DialplanContract;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The phone channel's way to the PBXs: one AMI link and call tracker per PBX, one FastAGI server for this node
 * running the notice application. Call outcomes and notice results are handed to {@link CallAttempts} on
 * virtual threads, so the AMI event thread never waits on the database.
 */
@Component
class TelephonyGateway implements PbxGateway, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TelephonyGateway.class);

    private final TelephonyProperties properties;
    private final CallAttempts attempts;
    private final TaskNoticeScripts scripts;
    private final ObjectProvider<BuiltInPbx> builtIn;
    private final Clock clock;
    private final Map<String, Pbx> pbxs = new LinkedHashMap<>();
    private final Map<String, AttemptAnswers> answers = new LinkedHashMap<>();
    private final List<Consumer<EndpointStatus>> endpointListeners = new CopyOnWriteArrayList<>();
    /**
     * Attempts this node is placing: committed DIALING, Originate not yet answered by the PBX (the notice may
     * still be rendering). The PBX does not list them yet, so reconciliation must not take them for lost.
     */
    private final Set<String> placing = ConcurrentHashMap.newKeySet();
    private ExecutorService handOff;
    private NoticeEndpoint notices;
    private volatile boolean running;

    TelephonyGateway(TelephonyProperties properties, CallAttempts attempts, TaskNoticeScripts scripts,
            ObjectProvider<BuiltInPbx> builtIn, Clock clock) {
        this.properties = properties;
        this.attempts = attempts;
        this.scripts = scripts;
        this.builtIn = builtIn;
        this.clock = clock;
    }

    private record Pbx(TelephonyProperties.Pbx config, PbxLink link, CallTracker tracker) {
    }

    @Override
    public synchronized void start() {
        List<TelephonyProperties.Pbx> configured = new ArrayList<>(properties.pbxs());
        builtIn.ifAvailable(pbx -> configured.add(pbx.config()));
        if (configured.isEmpty()) {
            log.info("no PBX configured: the phone channel places no calls");
            running = true;
            return;
        }
        handOff = Executors.newVirtualThreadPerTaskExecutor();
        notices = NoticeEndpoint.start(properties, configured, scripts, attempts);
        TrackerSettings settings = new TrackerSettings(properties.earlyHangupWindow(),
                TrackerSettings.DEFAULTS.responseGrace(), TrackerSettings.DEFAULTS.groupRetention());
        for (TelephonyProperties.Pbx config : configured) {
            PbxLink link = PbxLink.asterisk(PbxConfig.of(config.id(), config.host(), config.port(), config.username(),
                    config.secret()), clock);
            CallTracker tracker = new CallTracker(link, settings, clock);
            tracker.onOutcome(outcome -> handOff.execute(
                    () -> attempts.recordCallEnded(CallEndings.callEnded(outcome))));
            AttemptAnswers answered = new AttemptAnswers();
            link.subscribe(answered);
            link.subscribe(event -> contactStatus(config.id(), event));
            answers.put(config.id(), answered);
            link.start();
            pbxs.put(config.id(), new Pbx(config, link, tracker));
        }
        running = true;
    }

    @Override
    public List<Trunk> trunks() {
        return pbxs.values().stream().flatMap(p -> p.config().trunks().stream()
                .map(t -> new Trunk(p.config().id(), t.name(), t.maxChannels(), t.callsPerSecond(),
                        p.config().maxChannels()))).toList();
    }

    @Override
    public boolean isUp(String pbxId) {
        Pbx pbx = pbxs.get(pbxId);
        return pbx != null && pbx.link().health().isUp();
    }

    @Override
    public long linkReconnects(String pbxId) {
        Pbx pbx = pbxs.get(pbxId);
        return pbx == null ? 0 : pbx.link().health().reconnects();
    }

    @Override
    public CompletableFuture<Void> originate(OutboundCall call) {
        Pbx pbx = pbxs.get(call.pbxId());
        if (pbx == null) {
            return CompletableFuture.failedFuture(new CallNotPlacedException("unknown PBX " + call.pbxId()));
        }
        TelephonyProperties.Trunk trunk = pbx.config().trunks().stream().filter(t -> t.name().equals(call.trunk()))
                .findFirst().orElseThrow(() -> new CallNotPlacedException("unknown trunk " + call.trunk()));
        OriginateRequest request;
        try {
            request = new OriginateRequest(call.attemptId(), Long.toString(call.taskId()),
                    DialStrings.dialString(trunk, call.numberE164()),
                    new OriginateRequest.Dialplan(DialplanContract.OUTBOUND_CONTEXT, "s", 1), trunk.callerId(),
                    call.ringTimeout(), Map.of(DialplanContract.AGI_URL_VARIABLE, notices.url().toString()));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new CallNotPlacedException("cannot dial: " + e.getMessage()));
        }
        OriginateRequest originate = request;
        CompletableFuture<Void> prerendered;
        try {
            // the notice is rendered before the PBX dials, so a party who answers never waits on the speech engine
            prerendered = CompletableFuture.runAsync(() -> notices.prerender(call.attemptId(), call.taskId()),
                    handOff);
        } catch (RejectedExecutionException stopping) {
            return CompletableFuture.failedFuture(new CallNotPlacedException("the telephony gateway is stopping"));
        }
        placing.add(call.attemptId());
        return placed(prerendered.thenCompose(rendered -> pbx.tracker().originate(originate)))
                .whenComplete((done, failure) -> placing.remove(call.attemptId()));
    }

    /** A refused Originate means nothing was dialled; any other failure leaves the attempt to reconciliation. */
    private static CompletableFuture<Void> placed(CompletableFuture<?> originate) {
        return originate.handle((accepted, failure) -> {
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            if (cause instanceof OriginateRejectedException rejected) {
                throw new CallNotPlacedException(rejected.getMessage());
            }
            if (cause != null) {
                throw new CompletionException(cause);
            }
            return null;
        });
    }

    @Override
    public CompletableFuture<Set<String>> liveAttemptIds(String pbxId) {
        Pbx pbx = pbxs.get(pbxId);
        if (pbx == null) {
            return CompletableFuture.completedFuture(Set.of());
        }
        Set<String> stillPlacing = Set.copyOf(placing); // read first: an attempt leaves it once the PBX has it
        return pbx.link().liveAttempts().thenApply(live -> {
            Set<String> ids = live.stream().map(LiveAttempt::attemptId).collect(Collectors.toCollection(HashSet::new));
            ids.addAll(stillPlacing);
            return ids;
        });
    }

    @Override
    public CompletableFuture<Void> originateOperatorCall(OperatorCall call) {
        Pbx pbx = pbxs.get(call.pbxId());
        if (pbx == null) {
            return CompletableFuture.failedFuture(new CallNotPlacedException("unknown PBX " + call.pbxId()));
        }
        OriginateRequest request;
        try {
            TelephonyProperties.Trunk trunk = pbx.config().trunks().stream()
                    .filter(t -> t.name().equals(call.trunk())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown trunk " + call.trunk()));
            request = new OriginateRequest(call.attemptId(), Long.toString(call.taskId()), call.operatorEndpoint(),
                    new OriginateRequest.Dialplan(DialplanContract.OPERATOR_CONTEXT, "s", 1), trunk.callerId(),
                    call.ringTimeout(), Map.of(DialplanContract.AGI_URL_VARIABLE, notices.url().toString(),
                            DialplanContract.OPERATOR_ENDPOINT_VARIABLE, call.operatorEndpoint(),
                            DialplanContract.PARTY_DIAL_VARIABLE, DialStrings.dialString(trunk, call.numberE164())));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new CallNotPlacedException("cannot dial: " + e.getMessage()));
        }
        return placed(pbx.tracker().originate(request));
    }

    @Override
    public CompletableFuture<Void> redirectToConsent(String pbxId, String attemptId, String operatorEndpoint) {
        return withLiveChannels(pbxId, attemptId, (link, channels) -> {
            String party = partyChannel(channels, operatorEndpoint).orElseThrow(() ->
                    new ChannelActionFailedException("attempt " + attemptId + " has no party channel on PBX " + pbxId));
            log.info("attempt {}: redirecting {} to {}", attemptId, party, DialplanContract.CONSENT_CONTEXT);
            return link.redirect(party, new OriginateRequest.Dialplan(DialplanContract.CONSENT_CONTEXT, "s", 1));
        });
    }

    @Override
    public CompletableFuture<Void> hangUp(String pbxId, String attemptId) {
        // hanging up one channel of a bridge may take the others with it: one success is enough
        return withLiveChannels(pbxId, attemptId, (link, channels) -> {
            List<CompletableFuture<Boolean>> hangups = channels.stream().map(channel -> link
                    .hangup(channel.channel(), 16).handle((done, failure) -> failure == null)).toList();
            return CompletableFuture.allOf(hangups.toArray(CompletableFuture[]::new)).thenAccept(done -> {
                if (hangups.stream().noneMatch(CompletableFuture::join)) {
                    throw new ChannelActionFailedException("the PBX hung up no channel of attempt " + attemptId);
                }
            });
        });
    }

    private CompletableFuture<Void> withLiveChannels(String pbxId, String attemptId,
            BiFunction<PbxLink, List<LiveAttempt>, CompletableFuture<Void>> action) {
        Pbx pbx = pbxs.get(pbxId);
        if (pbx == null) {
            return CompletableFuture.failedFuture(new ChannelActionFailedException("unknown PBX " + pbxId));
        }
        return pbx.link().liveAttempts().thenCompose(live -> {
            List<LiveAttempt> channels = live.stream().filter(a -> a.attemptId().equals(attemptId)).toList();
            if (channels.isEmpty()) {
                throw new ChannelActionFailedException("no live channel of attempt " + attemptId + " on PBX " + pbxId);
            }
            return action.apply(pbx.link(), channels);
        }).handle((done, failure) -> {
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            if (cause instanceof ChannelActionFailedException failed) {
                throw failed;
            }
            if (cause != null) {
                throw new ChannelActionFailedException(cause.getMessage());
            }
            return null;
        });
    }

    /**
     * The party's side of an operator call: not the operator's own channel ({@code PJSIP/agent100-0000001}); of a
     * Local channel pair, the ";1" half (bridged with the operator), which keeps the path to the party.
     */
    static Optional<String> partyChannel(List<LiveAttempt> channels, String operatorEndpoint) {
        List<String> others = channels.stream().map(LiveAttempt::channel)
                .filter(name -> !name.startsWith(operatorEndpoint + "-")).toList();
        return others.stream().filter(name -> name.endsWith(";1")).findFirst()
                .or(() -> others.stream().findFirst());
    }

    @Override
    public Optional<Instant> answeredAt(String attemptId) {
        return answers.values().stream().map(a -> a.answeredAt(attemptId)).flatMap(Optional::stream)
                .findFirst();
    }

    @Override
    public CompletableFuture<List<EndpointStatus>> registeredEndpoints() {
        List<CompletableFuture<List<EndpointStatus>>> queries = pbxs.values().stream()
                .filter(pbx -> pbx.link().health().isUp())
                .map(pbx -> pbx.link().contacts().thenApply(contacts -> contacts.stream()
                        .map(c -> new EndpointStatus(c.pbxId(), "PJSIP/" + c.endpoint(), c.isReachable(), c.status(),
                                clock.instant())).toList())
                        .exceptionally(failure -> {
                            log.warn("PBX {}: could not list PJSIP contacts: {}", pbx.config().id(), failure.toString());
                            return List.of();
                        }))
                .toList();
        return CompletableFuture.allOf(queries.toArray(CompletableFuture[]::new)).thenApply(done -> queries.stream()
                .flatMap(q -> q.join().stream()).toList());
    }

    @Override
    public CompletableFuture<Void> publishTransferOperators(String pbxId, List<String> endpoints) {
        Pbx pbx = pbxs.get(pbxId);
        if (pbx == null) {
            return CompletableFuture.failedFuture(new ChannelActionFailedException("unknown PBX " + pbxId));
        }
        return pbx.link().setGlobalVariable(DialplanContract.DEFAULT_OPERATORS_VARIABLE, String.join("&", endpoints))
                .handle((done, failure) -> {
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                        throw new ChannelActionFailedException(cause.getMessage());
                    }
                    return null;
                });
    }

    @Override
    public void onEndpointStatus(Consumer<EndpointStatus> listener) {
        endpointListeners.add(listener);
    }

    private void contactStatus(String pbxId, AmiEvent event) {
        if (event instanceof AmiEvent.ContactStatus contact && !contact.endpoint().isBlank()) {
            boolean registered = !contact.status().equalsIgnoreCase("Removed")
                    && !contact.status().equalsIgnoreCase("Unreachable");
            EndpointStatus status = new EndpointStatus(pbxId, "PJSIP/" + contact.endpoint(), registered,
                    contact.status(), contact.receivedAt());
            for (Consumer<EndpointStatus> listener : endpointListeners) {
                try {
                    listener.accept(status);
                } catch (RuntimeException e) {
                    log.warn("endpoint status listener failed on {}: {}", status, e.toString());
                }
            }
        }
    }

    /** Health of every PBX link, for the console and the operators. */
    Map<String, org.serveline.telephony.ami.LinkHealth> health() {
        Map<String, org.serveline.telephony.ami.LinkHealth> health = new LinkedHashMap<>();
        pbxs.forEach((id, pbx) -> health.put(id, pbx.link().health()));
        return health;
    }

    @Override
    public synchronized void stop() {
        pbxs.values().forEach(pbx -> {
            pbx.tracker().close();
            pbx.link().close();
        });
        pbxs.clear();
        answers.clear();
        if (notices != null) {
            notices.close();
        }
        if (handOff != null) {
            handOff.close();
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
