package org.serveline.server.campaign;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.serveline.server.call.CallAttempt;
import org.serveline.server.call.CallAttemptsSettled;
import org.serveline.server.call.CallOutcome;
import org.serveline.server.task.ServiceTask;
import org.serveline.server.task.ServiceTasks;
import org.serveline.server.task.TaskId;
import org.serveline.server.task.TaskLeases;
import org.serveline.server.task.TaskState;
import org.serveline.server.task.TaskTrigger;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Every settled attempt moves its task: consent with an address leads to electronic service, a refusal to the
 * next channel, a retryable outcome schedules the next call within calling hours, an invalid number is marked
 * bad. Runs inside the transaction that settled the attempts, so the decisions and the evidence commit together;
 * the tasks of a batch are read with one query (a task settled twice in one batch is read again for the second),
 * and their consents saved and audited together at the end of the batch.
 */
@Component
class OutcomeRules {

    private static final String ACTOR = "dialer";

    private final ServiceTasks tasks;
    private final TaskLeases leases;
    private final Campaigns campaigns;
    private final Clock clock;

    OutcomeRules(ServiceTasks tasks, TaskLeases leases, Campaigns campaigns, Clock clock) {
        this.tasks = tasks;
        this.leases = leases;
        this.campaigns = campaigns;
        this.clock = clock;
    }

    @EventListener
    void on(CallAttemptsSettled settled) {
        List<TaskId> ids = settled.attempts().stream().map(a -> new TaskId(a.taskId())).distinct().toList();
        Map<Long, ServiceTask> loaded = new HashMap<>();
        tasks.getAll(ids).forEach(task -> loaded.put(task.id().value(), task));
        Set<Long> moved = new HashSet<>();
        List<ServiceTasks.Consent> consents = new ArrayList<>();
        for (CallAttempt attempt : settled.attempts()) {
            ServiceTask task;
            if (moved.add(attempt.taskId())) {
                task = loaded.get(attempt.taskId());
            } else {
                saveConsents(consents); // the task as this batch left it so far
                task = tasks.get(new TaskId(attempt.taskId()));
            }
            if (task != null) {
                decide(task, attempt, consents);
            }
        }
        saveConsents(consents);
    }

    private void saveConsents(List<ServiceTasks.Consent> consents) {
        tasks.consentAll(List.copyOf(consents), ACTOR);
        consents.clear();
    }

    private void decide(ServiceTask task, CallAttempt attempt, List<ServiceTasks.Consent> consents) {
        TaskId id = task.id();
        if (task.state() != TaskState.PHONE || attempt.outcome() == null) {
            return;
        }
        CampaignLimits limits = attempt.campaignId() == null ? CampaignLimits.defaults()
                : campaigns.limits(attempt.campaignId());
        Instant now = clock.instant();
        ZoneId zone = ZoneId.of(task.party().timeZone());
        switch (limits.retryRules().after(attempt.outcome())) {
            case RetryRules.Next.Finish finish -> finish(task, attempt, finish.result(), limits, now, zone, consents);
            case RetryRules.Next.RetrySameNumber retry -> leases.scheduleNextCall(id,
                    limits.callingHours().nextAllowed(now.plus(retry.after()), zone), ACTOR,
                    attempt.outcome() + ": retry after " + retry.after());
            case RetryRules.Next.NextNumber next -> {
                if (next.markBad()) {
                    tasks.markPhoneBad(id, attempt.number(), ACTOR, attempt.outcome().name());
                }
                leases.scheduleNextCall(id, null, ACTOR, attempt.outcome() + ": next number");
            }
        }
    }

    private void finish(ServiceTask task, CallAttempt attempt, CallOutcome result, CampaignLimits limits, Instant now,
            ZoneId zone, List<ServiceTasks.Consent> consents) {
        Map<String, Object> evidence = attempt.evidence();
        switch (result) {
            case CONSENTED -> consents.add(new ServiceTasks.Consent(task,
                    attempt.mobileNumber() != null ? attempt.mobileNumber() : attempt.number(), evidence));
            case REFUSED -> tasks.move(task, TaskTrigger.CHANNEL_FAILED, ACTOR,
                    "the party refused electronic service on a recorded call", evidence);
            default -> leases.scheduleNextCall(task.id(),
                    limits.callingHours().nextAllowed(now.plus(limits.noAnswerRetry()), zone), ACTOR,
                    result + ": the party asked for an operator; called back if no operator takes the task");
        }
    }
}
