package org.serveline.server.campaign;

import jakarta.annotation.PreDestroy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.serveline.server.call.CallAttempts;
import org.serveline.server.task.TaskId;
import org.serveline.server.task.TaskLeases;
import org.serveline.server.task.TaskState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The automated dialer of this node: on every tick, for every running campaign, it claims as many due tasks as
 * the free channels allow and hands each to {@link TaskDialing}. Claims are leases in the shared database, so
 * any number of nodes can run a dialer.
 */
@Component
class Dialer {

    private static final Logger log = LoggerFactory.getLogger(Dialer.class);

    private final Campaigns campaigns;
    private final TaskLeases leases;
    private final CallAttempts attempts;
    private final TrunkCapacity capacity;
    private final TaskDialing dialing;
    private final DialerProperties properties;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean stopping;

    Dialer(Campaigns campaigns, TaskLeases leases, CallAttempts attempts, TrunkCapacity capacity, TaskDialing dialing,
            DialerProperties properties) {
        this.campaigns = campaigns;
        this.leases = leases;
        this.attempts = attempts;
        this.capacity = capacity;
        this.dialing = dialing;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${serveline.dialer.tick:PT0.2S}")
    void tick() {
        if (!properties.enabled() || stopping) {
            return;
        }
        try {
            for (Campaign campaign : campaigns.running()) {
                dialFor(campaign);
            }
        } catch (RuntimeException e) {
            log.warn("dialer tick failed; next tick goes on: {}", e.toString(), e);
        }
    }

    private void dialFor(Campaign campaign) {
        Map<String, Integer> live = new ConcurrentHashMap<>(attempts.liveByTrunk());
        int campaignLive = attempts.liveInCampaign(campaign.id());
        int room = Math.min(capacity.freeChannels(live), campaign.limits().maxConcurrentCalls() - campaignLive);
        int wanted = Math.min(room, properties.batch());
        if (wanted <= 0) {
            return;
        }
        List<TaskId> claimed = leases.claim(new TaskLeases.ClaimQuery(List.of(TaskState.APPROVED, TaskState.PHONE),
                campaign.courtId(), campaign.caseType(), true, true), properties.node(), wanted, properties.lease());
        // Each task's decision is a handful of database round trips: the claimed tasks are dialled side by
        // side (the connection pool bounds them), and the tick ends when all are done.
        List<Future<?>> dialled = claimed.stream()
                .<Future<?>>map(task -> workers.submit(() -> dialOne(campaign, task, live))).toList();
        for (Future<?> each : dialled) {
            try {
                each.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                log.warn("dialling in campaign {} failed: {}", campaign.name(), e.getCause().toString());
            }
        }
    }

    private void dialOne(Campaign campaign, TaskId task, Map<String, Integer> live) {
        try {
            dialing.dial(campaign, task, live);
        } catch (RuntimeException e) {
            log.warn("could not dial task {} in campaign {}: {}", task, campaign.name(), e.toString(), e);
            leases.release(task, properties.node()); // the decision rolled back with its own release
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
        workers.close();
    }
}
