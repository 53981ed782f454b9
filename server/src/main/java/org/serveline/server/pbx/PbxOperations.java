package org.serveline.server.pbx;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.serveline.telephony.ami.EventLagListener;
import org.serveline.telephony.ami.LinkHealth;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The PBX side of operations: one health component per PBX link ({@code pbxLinks.<id>}: DOWN while its AMI link is
 * down) and the meters — calls live and FastAGI sessions on this node, and how long each AMI event waited in the
 * link's hand-off queue before it was handled (fed by the telephony module's {@link EventLagListener}).
 */
@Component("pbxLinksHealthContributor")
class PbxOperations implements CompositeHealthContributor, MeterBinder, EventLagListener {

    static final String CALLS_LIVE = "serveline.calls.live";
    static final String AGI_SESSIONS = "serveline.agi.sessions.live";
    static final String EVENT_LAG = "serveline.ami.event.lag";
    static final String EVENT_QUEUE = "serveline.ami.event.queue";

    private final ObjectProvider<PbxConnections> connections;
    private final Clock clock;
    private final Map<String, Timer> lagTimers = new ConcurrentHashMap<>();
    private volatile MeterRegistry meters;

    PbxOperations(ObjectProvider<PbxConnections> connections, Clock clock) {
        this.connections = connections;
        this.clock = clock;
    }

    // --- health ---------------------------------------------------------------------------------------------

    @Override
    public HealthContributor getContributor(String pbxId) {
        return connections.getObject().pbx(pbxId).map(pbx -> indicator(pbx.link().pbxId())).orElse(null);
    }

    @Override
    public Stream<HealthContributors.Entry> stream() {
        return connections.getObject().all().stream()
                .map(pbx -> new HealthContributors.Entry(pbx.config().id(), indicator(pbx.config().id())));
    }

    private HealthIndicator indicator(String pbxId) {
        return () -> connections.getObject().pbx(pbxId).map(pbx -> health(pbx.link().health(),
                pbx.tracker().openAttempts())).orElseGet(() -> Health.unknown().build());
    }

    private Health health(LinkHealth link, int callsLive) {
        Health.Builder health = link.isUp() ? Health.up() : Health.down();
        health.withDetail("since", link.since().toString()).withDetail("detail", link.detail())
                .withDetail("reconnects", link.reconnects()).withDetail("callsLive", callsLive);
        link.lastEventAge(clock.instant()).ifPresent(age -> health.withDetail("lastEventAge", age.toString()));
        return health.build();
    }

    // --- meters ---------------------------------------------------------------------------------------------

    @Override
    public void bindTo(MeterRegistry registry) {
        this.meters = registry;
        Gauge.builder(CALLS_LIVE, this, PbxOperations::callsLive)
                .description("calls this node placed that have not ended (dialling, ringing or talking)")
                .register(registry);
        Gauge.builder(AGI_SESSIONS, this, PbxOperations::agiSessions)
                .description("FastAGI sessions (notice, consent step) open on this node").register(registry);
        Gauge.builder(EVENT_QUEUE, this, PbxOperations::eventsWaiting)
                .description("AMI events waiting in the hand-off queues of this node's PBX links").register(registry);
    }

    @Override
    public void eventHandled(String pbxId, Duration waited) {
        MeterRegistry registry = meters;
        if (registry == null) {
            return;
        }
        lagTimers.computeIfAbsent(pbxId, id -> Timer.builder(EVENT_LAG)
                .description("how long an AMI event waited between the socket and its handling")
                .tag("pbx", id)
                .serviceLevelObjectives(Duration.ofMillis(1), Duration.ofMillis(10), Duration.ofMillis(100),
                        Duration.ofSeconds(1))
                .register(registry)).record(waited);
    }

    private double callsLive() {
        return connections.getObject().all().stream().mapToInt(pbx -> pbx.tracker().openAttempts()).sum();
    }

    private double agiSessions() {
        NoticeEndpoint notices = connections.getObject().notices();
        return notices == null ? 0 : notices.activeSessions();
    }

    private double eventsWaiting() {
        return connections.getObject().all().stream().mapToInt(pbx -> pbx.link().metrics().queueDepth()).sum();
    }
}
