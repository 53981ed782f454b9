package org.serveline.server.pbx;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.serveline.server.call.CallAttempts;
import org.serveline.server.call.PbxGateway;
import org.serveline.telephony.agi.FastAgiConfig;
import org.serveline.telephony.agi.FastAgiServer;
import org.serveline.telephony.ami.LiveAttempt;
import org.serveline.telephony.ami.OriginateRejectedException;
import org.serveline.telephony.ami.OriginateRequest;
import org.serveline.telephony.ami.PbxConfig;
import org.serveline.telephony.ami.PbxLink;
import org.serveline.telephony.call.CallTracker;
import org.serveline.telephony.call.TrackerSettings;
import org.serveline.telephony.dialplan.DialplanContract;
import org.serveline.telephony.notice.NoticeApplication;
import org.serveline.telephony.notice.NoticeCall;
import org.serveline.telephony.notice.NoticeScript;
import org.serveline.telephony.notice.NoticeSettings;
import org.serveline.telephony.prompt.EspeakNgSynthesizer;
import org.serveline.telephony.prompt.NoticePrompts;
import org.serveline.telephony.prompt.PromptRenderer;
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
    private ExecutorService handOff;
    private FastAgiServer agi;
    private URI agiUrl;
    private NoticePrompts prompts;
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
        startAgi(configured);
        TrackerSettings settings = new TrackerSettings(properties.earlyHangupWindow(),
                TrackerSettings.DEFAULTS.responseGrace(), TrackerSettings.DEFAULTS.groupRetention());
        for (TelephonyProperties.Pbx config : configured) {
            PbxLink link = PbxLink.asterisk(PbxConfig.of(config.id(), config.host(), config.port(), config.username(),
                    config.secret()), clock);
            CallTracker tracker = new CallTracker(link, settings, clock);
            tracker.onOutcome(outcome -> handOff.execute(() -> attempts.recordCallEnded(NoticeResults.callEnded(outcome))));
            link.start();
            pbxs.put(config.id(), new Pbx(config, link, tracker));
        }
        running = true;
    }

    private void startAgi(List<TelephonyProperties.Pbx> configured) {
        TelephonyProperties.Agi agiProperties = properties.agi();
        PromptRenderer renderer = new PromptRenderer(new EspeakNgSynthesizer("espeak-ng", "ffmpeg",
                properties.prompts().voice(), Duration.ofSeconds(60)), properties.prompts().cacheDir());
        renderer.check();
        prompts = NoticePrompts.mandarinV1(renderer);
        NoticeApplication notice = new NoticeApplication(call -> scripts.scriptFor(call, prompts),
                NoticeSettings.defaults(),
                result -> attempts.recordNoticeHeard(NoticeResults.noticeHeard(result)));
        NoticeApplication consent = new NoticeApplication(call -> NoticeScript.consentStep(prompts, true,
                java.util.Optional.empty()), NoticeSettings.defaults(),
                result -> attempts.recordNoticeHeard(NoticeResults.noticeHeard(result)));
        int port = agiProperties.port() == 0 ? FreePort.find(agiProperties.bindAddress()) : agiProperties.port();
        agiUrl = agiProperties.advertisedUrl() != null ? agiProperties.advertisedUrl()
                : URI.create("agi://" + agiProperties.bindAddress() + ":" + port);
        FastAgiConfig config = new FastAgiConfig(address(agiProperties.bindAddress()), port, agiUrl,
                allowedPeers(agiProperties, configured), Duration.ofSeconds(10), Duration.ofMinutes(3));
        agi = new FastAgiServer(config, Map.of(DialplanContract.NOTICE_AGI_PATH, notice,
                DialplanContract.CONSENT_AGI_PATH, consent));
        agi.start();
        log.info("FastAGI listening on {}:{}, advertised as {}", agiProperties.bindAddress(), agi.port(), agiUrl);
    }

    private static Set<InetAddress> allowedPeers(TelephonyProperties.Agi agi, List<TelephonyProperties.Pbx> pbxs) {
        List<String> hosts = agi.allowedPeers().isEmpty() ? pbxs.stream().map(TelephonyProperties.Pbx::host).toList()
                : agi.allowedPeers();
        return hosts.stream().map(TelephonyGateway::address).collect(Collectors.toSet());
    }

    private static InetAddress address(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("unknown host in serveline.telephony: " + host, e);
        }
    }

    @Override
    public List<Trunk> trunks() {
        return pbxs.values().stream().flatMap(p -> p.config().trunks().stream()
                .map(t -> new Trunk(p.config().id(), t.name(), t.maxChannels(), t.callsPerSecond()))).toList();
    }

    @Override
    public boolean isUp(String pbxId) {
        Pbx pbx = pbxs.get(pbxId);
        return pbx != null && pbx.link().health().isUp();
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
                    call.ringTimeout(), Map.of(DialplanContract.AGI_URL_VARIABLE, agiUrl.toString()));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new CallNotPlacedException("cannot dial: " + e.getMessage()));
        }
        OriginateRequest originate = request;
        // The notice is rendered before the PBX dials, so a party who answers never waits on the speech engine.
        return CompletableFuture.runAsync(() -> prerender(call), handOff)
                .thenCompose(rendered -> pbx.tracker().originate(originate)).handle((accepted, failure) -> {
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

    private void prerender(OutboundCall call) {
        try {
            scripts.scriptFor(new NoticeCall(call.attemptId(), java.util.Optional.of(Long.toString(call.taskId())),
                    ""), prompts);
        } catch (RuntimeException e) {
            log.warn("could not render the notice for attempt {} ahead of the call: {}", call.attemptId(), e.toString());
        }
    }

    @Override
    public CompletableFuture<Set<String>> liveAttemptIds(String pbxId) {
        Pbx pbx = pbxs.get(pbxId);
        if (pbx == null) {
            return CompletableFuture.completedFuture(Set.of());
        }
        return pbx.link().liveAttempts().thenApply(live -> live.stream().map(LiveAttempt::attemptId)
                .collect(Collectors.toSet()));
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
        if (agi != null) {
            agi.stop();
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
