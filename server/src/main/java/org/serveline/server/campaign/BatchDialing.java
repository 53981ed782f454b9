package org.serveline.server.campaign;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.serveline.server.call.CallAttempt;
import org.serveline.server.call.CallAttempts;
import org.serveline.server.call.PbxGateway;
import org.serveline.server.task.PartyPhone;
import org.serveline.server.task.ServiceTask;
import org.serveline.server.task.ServiceTasks;
import org.serveline.server.task.TaskId;
import org.serveline.server.task.TaskLeases;
import org.serveline.server.task.TaskState;
import org.serveline.server.task.TaskTrigger;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The decisions for a whole claimed batch in one transaction: tasks, their past attempts and the do-not-call
 * list read once for all, the dispatches and the new attempt rows (with their audit events) written with one
 * statement each, the leases released together. The same rules as {@link TaskDialing}, which decides one task at
 * a time when a batch cannot be decided as a whole.
 */
@Component
class BatchDialing {

    private final Campaigns campaigns;
    private final ServiceTasks tasks;
    private final TaskLeases leases;
    private final CallAttempts attempts;
    private final DoNotCallList doNotCall;
    private final TrunkCapacity capacity;
    private final TaskDialing single;
    private final DialerProperties properties;

    BatchDialing(Campaigns campaigns, ServiceTasks tasks, TaskLeases leases, CallAttempts attempts,
            DoNotCallList doNotCall, TrunkCapacity capacity, TaskDialing single, DialerProperties properties) {
        this.campaigns = campaigns;
        this.tasks = tasks;
        this.leases = leases;
        this.attempts = attempts;
        this.doNotCall = doNotCall;
        this.capacity = capacity;
        this.single = single;
        this.properties = properties;
    }

    /** The calls to place once this transaction commits; throws, and changes nothing, if any decision fails. */
    @Transactional
    public List<TaskDialing.PlacedAttempt> decideAll(Campaign campaign, List<TaskId> claimed,
            Map<String, Integer> liveByTrunk) {
        try {
            if (campaigns.state(campaign.id()) != CampaignState.RUNNING) {
                return List.of();
            }
            List<ServiceTask> loaded = tasks.getAll(claimed);
            tasks.moveAll(loaded.stream().filter(t -> t.state() == TaskState.APPROVED).toList(), TaskTrigger.DISPATCH,
                    TaskDialing.ACTOR, Map.of("campaign", campaign.name()));
            List<ServiceTask> onPhone = loaded.stream().filter(t -> t.state() == TaskState.PHONE).toList();
            return open(campaign, onPhone, liveByTrunk);
        } finally {
            leases.releaseAll(claimed, properties.node());
        }
    }

    private List<TaskDialing.PlacedAttempt> open(Campaign campaign, List<ServiceTask> onPhone,
            Map<String, Integer> liveByTrunk) {
        Map<Long, List<CallAttempt>> history = attempts.forTasks(onPhone.stream().map(t -> t.id().value()).toList());
        Set<String> blocked = doNotCall.listed(onPhone.stream().flatMap(t -> t.phones().stream())
                .map(PartyPhone::e164).distinct().toList());
        List<CallAttempts.NewAttempt> specs = new ArrayList<>();
        List<PbxGateway.Trunk> trunks = new ArrayList<>();
        List<ServiceTask> dialled = new ArrayList<>();
        for (ServiceTask task : onPhone) {
            Optional<String> number = single.numberToDial(campaign, task,
                    history.getOrDefault(task.id().value(), List.of()), blocked);
            Optional<PbxGateway.Trunk> trunk = number.flatMap(n -> capacity.take(liveByTrunk));
            if (trunk.isPresent()) {
                specs.add(new CallAttempts.NewAttempt(task.id().value(), campaign.id(), null, trunk.get().pbxId(),
                        trunk.get().name(), number.get(), properties.node(), TaskDialing.ACTOR));
                trunks.add(trunk.get());
                dialled.add(task);
            }
        }
        List<CallAttempt> opened = attempts.openAll(specs);
        List<TaskDialing.PlacedAttempt> placed = new ArrayList<>();
        for (int i = 0; i < opened.size(); i++) {
            placed.add(new TaskDialing.PlacedAttempt(opened.get(i), trunks.get(i), dialled.get(i)));
        }
        return placed;
    }
}
