package org.serveline.server.campaign;

import java.util.List;
import java.util.Map;
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
        if (!properties.enabled()) {
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
        Map<String, Integer> live = attempts.liveByTrunk();
        int campaignLive = attempts.liveInCampaign(campaign.id());
        int room = Math.min(capacity.freeChannels(live), campaign.limits().maxConcurrentCalls() - campaignLive);
        int wanted = Math.min(room, properties.batch());
        if (wanted <= 0) {
            return;
        }
        List<TaskId> claimed = leases.claim(new TaskLeases.ClaimQuery(List.of(TaskState.APPROVED, TaskState.PHONE),
                campaign.courtId(), campaign.caseType(), true, true), properties.node(), wanted, properties.lease());
        for (TaskId task : claimed) {
            try {
                dialing.dial(campaign, task, live);
            } catch (RuntimeException e) {
                log.warn("could not dial task {} in campaign {}: {}", task, campaign.name(), e.toString(), e);
            } finally {
                leases.release(task, properties.node());
            }
        }
    }
}
