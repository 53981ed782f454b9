package org.serveline.server.campaign;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.serveline.server.call.CallAttempt;
import org.serveline.server.call.CallAttempts;
import org.serveline.server.call.CallOutcome;
import org.serveline.server.call.PbxGateway;
import org.serveline.server.lookup.ContactLookup;
import org.serveline.server.task.PartyPhone;
import org.serveline.server.task.ServiceTask;
import org.serveline.server.task.ServiceTasks;
import org.serveline.server.task.TaskId;
import org.serveline.server.task.TaskLeases;
import org.serveline.server.task.TaskState;
import org.serveline.server.task.TaskTrigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * One claimed task, one decision: dispatch it to the phone channel, then dial its next number — or wait for
 * calling hours, look up new contacts, or fall back to the next channel when the numbers are exhausted. The
 * decision is one transaction that also releases the task's lease; the Originate is sent only after it
 * commits, so the attempt row exists before the PBX hears of the call.
 */
@Component
class TaskDialing {

    private static final Logger log = LoggerFactory.getLogger(TaskDialing.class);
    static final String ACTOR = "dialer";

    private final ServiceTasks tasks;
    private final TaskLeases leases;
    private final CallAttempts attempts;
    private final DoNotCallList doNotCall;
    private final ContactLookup lookup;
    private final TrunkCapacity capacity;
    private final PbxGateway gateway;
    private final DialerProperties properties;
    private final Clock clock;
    private final Campaigns campaigns;
    private final TaskDialing self;

    TaskDialing(ServiceTasks tasks, TaskLeases leases, CallAttempts attempts, DoNotCallList doNotCall,
            ContactLookup lookup, TrunkCapacity capacity, PbxGateway gateway, DialerProperties properties,
            Clock clock, Campaigns campaigns, @Lazy TaskDialing self) {
        this.tasks = tasks;
        this.campaigns = campaigns;
        this.self = self;
        this.leases = leases;
        this.attempts = attempts;
        this.doNotCall = doNotCall;
        this.lookup = lookup;
        this.capacity = capacity;
        this.gateway = gateway;
        this.properties = properties;
        this.clock = clock;
    }

    /** Decides, commits, then places the call if the decision was to dial. */
    void dial(Campaign campaign, TaskId id, Map<String, Integer> liveByTrunk) {
        self.decide(campaign, id, liveByTrunk).ifPresent(call -> place(call, campaign));
    }

    /** The call to place, if any, once the decision (and the attempt row) is committed. */
    @Transactional
    public Optional<PlacedAttempt> decide(Campaign campaign, TaskId id, Map<String, Integer> liveByTrunk) {
        try {
            return campaigns.state(campaign.id()) == CampaignState.RUNNING
                    ? decideRunning(campaign, id, liveByTrunk) : Optional.empty();
        } finally {
            leases.release(id, properties.node());
        }
    }

    /** An attempt row committed DIALING, the trunk it is to leave by, and its task as the decision read it. */
    record PlacedAttempt(CallAttempt attempt, PbxGateway.Trunk trunk, ServiceTask task) {
    }

    private Optional<PlacedAttempt> decideRunning(Campaign campaign, TaskId id, Map<String, Integer> liveByTrunk) {
        ServiceTask task = tasks.get(id);
        if (task.state() == TaskState.APPROVED) {
            task = tasks.move(task, TaskTrigger.DISPATCH, ACTOR, null, Map.of("campaign", campaign.name()));
        }
        if (task.state() != TaskState.PHONE) {
            return Optional.empty();
        }
        ServiceTask onPhone = task;
        return numberToDial(campaign, task, attempts.forTask(id.value()),
                doNotCall.listed(task.phones().stream().map(PartyPhone::e164).toList()))
                .flatMap(number -> open(campaign, onPhone, number, liveByTrunk));
    }

    /**
     * For a task on the phone channel: the number to dial now — or nothing, once the other decision is made and
     * recorded (wait for calling hours or the next day, look up contacts, fall back to the next channel).
     */
    Optional<String> numberToDial(Campaign campaign, ServiceTask task, List<CallAttempt> history,
            Set<String> doNotCallListed) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        ZoneId zone = ZoneId.of(task.party().timeZone());
        CallingHours hours = campaign.limits().callingHours();
        if (!hours.allows(now, zone)) {
            leases.scheduleNextCall(task.id(), hours.nextAllowed(now, zone), ACTOR,
                    "outside calling hours " + hours.start() + "–" + hours.end() + " in " + zone);
            return Optional.empty();
        }
        // an attempt the PBX's failure cut short is not the party's: it does not count against its limits
        List<PhonePlan.PastDial> dialled = history.stream()
                .filter(a -> a.outcome() == null || a.outcome().spendsAnAttempt())
                .map(a -> new PhonePlan.PastDial(a.number(), a.createdAt())).toList();
        switch (PhonePlan.next(task.phones(), dialled, doNotCallListed, campaign.limits().retryRules(), now, zone)) {
            case PhonePlan.Step.Dial dial -> {
                return Optional.of(dial.number());
            }
            case PhonePlan.Step.WaitForNextDay wait ->
                    leases.scheduleNextCall(task.id(), hours.nextAllowed(now.atZone(zone).toLocalDate().plusDays(1)
                            .atStartOfDay(zone).toInstant(), zone), ACTOR, "every number reached today's limit");
            case PhonePlan.Step.Exhausted exhausted -> exhausted(task, exhausted.why());
        }
        return Optional.empty();
    }

    private Optional<PlacedAttempt> open(Campaign campaign, ServiceTask task, String number,
            Map<String, Integer> liveByTrunk) {
        return capacity.take(liveByTrunk).map(trunk -> new PlacedAttempt(attempts.open(new CallAttempts.NewAttempt(
                task.id().value(), campaign.id(), null, trunk.pbxId(), trunk.name(), number, properties.node(), ACTOR)),
                trunk, task));
    }

    /** Sends the Originate of an attempt whose row is committed; a refusal settles the attempt FAILED. */
    void place(PlacedAttempt placed, Campaign campaign) {
        CallAttempt attempt = placed.attempt();
        gateway.originate(new PbxGateway.OutboundCall(attempt.id(), attempt.taskId(), placed.trunk().pbxId(),
                        placed.trunk().name(), attempt.number(), campaign.limits().ringTimeout(), placed.task()))
                .whenComplete((ok, failure) -> {
                    if (failure instanceof PbxGateway.CallNotPlacedException refused
                            || failure != null && failure.getCause() instanceof PbxGateway.CallNotPlacedException) {
                        attempts.settleStale(attempt.id(), CallOutcome.FAILED, "the PBX refused the Originate: "
                                + failure.getMessage());
                    } else if (failure != null) {
                        log.warn("originate of attempt {} unconfirmed ({}); it will be reconciled", attempt.id(),
                                failure.toString());
                    }
                });
    }

    private void exhausted(ServiceTask task, String why) {
        if (lookup.configured() && leases.markContactLookup(task.id())) {
            if (!lookup.lookupExhausted(task, ACTOR).phonesAdded().isEmpty()) {
                leases.scheduleNextCall(task.id(), null, ACTOR, "new numbers from the contact lookup");
                return;
            }
        }
        tasks.move(task.id(), TaskTrigger.CHANNEL_FAILED, ACTOR, "phone channel exhausted: " + why,
                Map.of("why", why));
    }
}
