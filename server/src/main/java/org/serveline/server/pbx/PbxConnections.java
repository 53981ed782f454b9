package org.serveline.server.pbx;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import org.serveline.server.call.CallAnswered;
import org.serveline.server.call.SettleBatches;
import org.serveline.telephony.ami.AmiEvent;
import org.serveline.telephony.ami.AttemptAnswers;
import org.serveline.telephony.ami.EventLagListener;
import org.serveline.telephony.ami.LinkHealth;
import org.serveline.telephony.ami.PbxConfig;
import org.serveline.telephony.ami.PbxLink;
import org.serveline.telephony.call.CallTracker;
import org.serveline.telephony.call.TrackerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The running connections to the PBXs: one AMI link and one call tracker per PBX, and this node's FastAGI endpoint
 * running the notice. Started and stopped with the application. Answers of live calls and call endings are handed
 * to {@link org.serveline.server.call.SettleBatches}, so the AMI event thread never waits on the database.
 */
@Component
class PbxConnections implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PbxConnections.class);

    /** One PBX as this node reaches it. */
    record Pbx(TelephonyProperties.Pbx config, PbxLink link, CallTracker tracker, AttemptAnswers answers) {

        Optional<TelephonyProperties.Trunk> trunk(String name) {
            return config.trunks().stream().filter(t -> t.name().equals(name)).findFirst();
        }
    }

    private final TelephonyProperties properties;
    private final SettleBatches attempts;
    private final TaskNoticeScripts scripts;
    private final ObjectProvider<BuiltInPbx> builtIn;
    private final Clock clock;
    private final ObjectProvider<EventLagListener> lag;
    // read by health checks and meter scrapes on other threads while start() and stop() change it
    private final Map<String, Pbx> pbxs = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<BiConsumer<String, AmiEvent>> eventListeners = new CopyOnWriteArrayList<>();
    private ExecutorService handOff;
    private NoticeEndpoint notices;
    private volatile boolean running;

    PbxConnections(TelephonyProperties properties, SettleBatches attempts, TaskNoticeScripts scripts,
            ObjectProvider<BuiltInPbx> builtIn, Clock clock, ObjectProvider<EventLagListener> lag) {
        this.properties = properties;
        this.attempts = attempts;
        this.scripts = scripts;
        this.builtIn = builtIn;
        this.clock = clock;
        this.lag = lag;
    }

    /** Delivers every AMI event of every PBX (with the PBX's id) from the start; must return quickly. */
    void onEvent(BiConsumer<String, AmiEvent> listener) {
        eventListeners.add(listener);
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
                    config.secret()), clock, lag.getIfAvailable(() -> EventLagListener.NONE));
            CallTracker tracker = new CallTracker(link, settings, clock);
            // queued, and settled in batches off the AMI thread
            tracker.onAnswered(answered -> attempts.offer(new CallAnswered(answered.attemptId(),
                    answered.partyAnsweredAt().orElse(null), answered.operatorAnsweredAt().orElse(null))));
            tracker.onOutcome(outcome -> attempts.offer(CallEndings.callEnded(outcome)));
            AttemptAnswers answers = new AttemptAnswers();
            link.subscribe(answers);
            link.subscribe(event -> eventListeners.forEach(listener -> listener.accept(config.id(), event)));
            link.start();
            pbxs.put(config.id(), new Pbx(config, link, tracker, answers));
        }
        running = true;
    }

    Optional<Pbx> pbx(String pbxId) {
        return Optional.ofNullable(pbxs.get(pbxId));
    }

    Collection<Pbx> all() {
        synchronized (pbxs) {
            return List.copyOf(pbxs.values());
        }
    }

    /** The FastAGI endpoint; only while a PBX is configured. */
    NoticeEndpoint notices() {
        return notices;
    }

    /** Virtual threads for work that must not run on an AMI event thread; null when no PBX is configured. */
    ExecutorService handOff() {
        return handOff;
    }

    /** Health of every PBX link, for the console and the operators. */
    Map<String, LinkHealth> health() {
        Map<String, LinkHealth> health = new LinkedHashMap<>();
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
