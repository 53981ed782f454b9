package org.serveline.server.operations;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.serveline.server.call.CallAttempt;
import org.serveline.server.call.CallAttempts;
import org.serveline.server.campaign.DialerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.Lifecycle;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * The first step of a stop (Ctrl-C, SIGTERM, a closed context): the scheduled work stops — the dialer places no new
 * call — and this node's live calls may end and settle, for at most {@code serveline.operations.call-settle-timeout},
 * while the PBX links, the FastAGI server and the database still run. Runs on {@link ContextClosedEvent}, before
 * any bean stops. A call still live at the end is named in the log and left to the reconciliation of the next node
 * to start, which asks the PBX about it; nothing is settled without evidence.
 */
@Component
class GracefulStop implements ApplicationListener<ContextClosedEvent> {

    private static final Logger log = LoggerFactory.getLogger(GracefulStop.class);
    private static final Duration POLL = Duration.ofMillis(250);

    private final ApplicationContext context;
    private final CallAttempts attempts;
    private final DialerProperties dialer;
    private final OperationsProperties properties;
    private final Clock clock;

    GracefulStop(ApplicationContext context, CallAttempts attempts, DialerProperties dialer,
            OperationsProperties properties, Clock clock) {
        this.context = context;
        this.attempts = attempts;
        this.dialer = dialer;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        if (event.getApplicationContext() != context) {
            return;
        }
        stopScheduledWork();
        settleLiveCalls(properties.callSettleTimeout());
    }

    private void stopScheduledWork() {
        context.getBeansOfType(TaskScheduler.class).values().forEach(scheduler -> {
            if (scheduler instanceof Lifecycle lifecycle && lifecycle.isRunning()) {
                lifecycle.stop();
            }
        });
        log.info("stopping: no new calls are placed");
    }

    private void settleLiveCalls(Duration timeout) {
        if (timeout.isZero()) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        List<CallAttempt> live = liveHere();
        if (live.isEmpty()) {
            return;
        }
        log.info("stopping: waiting up to {} for {} live call(s) of node {} to settle", timeout, live.size(),
                dialer.node());
        while (!live.isEmpty() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Math.min(POLL.toNanos(), Math.max(1, deadline - System.nanoTime())));
            live = liveHere();
        }
        if (live.isEmpty()) {
            log.info("stopping: every call of node {} settled", dialer.node());
        } else {
            log.warn("stopping with {} call(s) of node {} still live after {}: {}; the next node to start settles "
                    + "them with the PBX (reconciliation)", live.size(), dialer.node(), timeout,
                    live.stream().map(CallAttempt::id).toList());
        }
    }

    /** This node's attempts that have not settled; empty when the database cannot tell (it is said why). */
    private List<CallAttempt> liveHere() {
        try {
            return attempts.unsettledBefore(clock.instant().plus(Duration.ofDays(1))).stream()
                    .filter(attempt -> dialer.node().equals(attempt.node())).toList();
        } catch (RuntimeException e) {
            log.warn("stopping: cannot read this node's live calls ({}); not waiting for them", e.toString());
            return List.of();
        }
    }
}
