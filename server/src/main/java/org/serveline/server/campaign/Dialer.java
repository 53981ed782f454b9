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
 * the free channels allow, decides them together ({@link BatchDialing}; one by one with {@link TaskDialing} if the
 * batch fails as a whole) and places the calls once the attempt rows are committed. Claims are leases in the
 * shared database, so any number of nodes can run a dialer.
 */
@Component
class Dialer {

    private static final Logger log = LoggerFactory.getLogger(Dialer.class);

    private final Campaigns campaigns;
    private final TaskLeases leases;
    private final CallAttempts attempts;
    private final TrunkCapacity capacity;
    private final CallRates rates;
    private final TaskDialing dialing;
    private final BatchDialing batch;
    private final DialerProperties properties;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean stopping;

    Dialer(Campaigns campaigns, TaskLeases leases, CallAttempts attempts, TrunkCapacity capacity, CallRates rates,
            TaskDialing dialing, BatchDialing batch, DialerProperties properties) {
        this.rates = rates;
        this.batch = batch;
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
        // the campaign's own budget first, then the trunks'; what the tick does not dial goes back to both
        int campaignGranted = rates.reserveCampaign(campaign.id(), campaign.limits().maxCallsPerSecond(), wanted);
        if (campaignGranted <= 0) {
            return;
        }
        int trunksGranted = 0;
        try {
            trunksGranted = capacity.reserve(campaignGranted, live);
            dial(campaign, Math.min(campaignGranted, trunksGranted), live);
        } finally {
            try {
                // a call placed took one trunk token: the calls placed are the trunk tokens not given back
                int placed = Math.max(0, trunksGranted - capacity.releaseUnused());
                rates.releaseCampaign(campaign.id(), campaignGranted - Math.min(placed, campaignGranted));
            } catch (RuntimeException e) {
                log.warn("could not give unused calls-per-second budget back; it is lost for this second: {}",
                        e.toString());
            }
        }
    }

    private void dial(Campaign campaign, int wanted, Map<String, Integer> live) {
        if (wanted <= 0) {
            return; // no calls-per-second budget left in this tick
        }
        List<TaskId> claimed = leases.claim(new TaskLeases.ClaimQuery(List.of(TaskState.APPROVED, TaskState.PHONE),
                campaign.courtId(), campaign.caseType(), true, true), properties.node(), wanted, properties.lease());
        if (claimed.isEmpty()) {
            return;
        }
        List<TaskDialing.PlacedAttempt> placed;
        try {
            placed = batch.decideAll(campaign, claimed, live);
        } catch (RuntimeException e) {
            log.warn("the batch of {} tasks in campaign {} could not be decided as a whole ({}); deciding one by one",
                    claimed.size(), campaign.name(), e.toString());
            dialOneByOne(campaign, claimed, new ConcurrentHashMap<>(attempts.liveByTrunk()));
            return;
        }
        placed.forEach(call -> place(campaign, call));
    }

    private void place(Campaign campaign, TaskDialing.PlacedAttempt call) {
        try {
            dialing.place(call, campaign);
        } catch (RuntimeException e) {
            log.warn("could not place attempt {} in campaign {}: {}", call.attempt().id(), campaign.name(),
                    e.toString(), e);
        }
    }

    /** Each task decided in its own transaction, side by side (the connection pool bounds them). */
    private void dialOneByOne(Campaign campaign, List<TaskId> claimed, Map<String, Integer> live) {
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

    /**
     * A decision that fails rolls back with its lease release: the task stays leased until the lease runs out,
     * so a task that cannot be decided is tried again once per lease period, not on every tick.
     */
    private void dialOne(Campaign campaign, TaskId task, Map<String, Integer> live) {
        try {
            dialing.dial(campaign, task, live);
        } catch (RuntimeException e) {
            log.warn("could not dial task {} in campaign {} ({}); tried again when its lease runs out in {}", task,
                    campaign.name(), e.toString(), properties.lease(), e);
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
        workers.close();
    }
}
