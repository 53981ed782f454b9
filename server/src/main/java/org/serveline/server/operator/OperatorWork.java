package org.serveline.server.operator;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.serveline.server.audit.AuditRecord;
import org.serveline.server.audit.AuditTrail;
import org.serveline.server.call.AttemptState;
import org.serveline.server.call.CallAttempt;
import org.serveline.server.call.CallAttempts;
import org.serveline.server.operator.internal.OperatorRows;
import org.serveline.server.task.ServiceTask;
import org.serveline.server.task.ServiceTasks;
import org.serveline.server.task.TaskId;
import org.serveline.server.task.TaskLeases;
import org.serveline.server.task.TaskState;
import org.serveline.server.task.TaskTrigger;
import org.serveline.server.task.TaskView;
import org.serveline.server.web.ConflictException;
import org.serveline.server.web.ProblemText;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Preview mode: an operator takes one task at a time — first a task whose party asked the IVR for an operator,
 * else the next due approved/phone task not mid-call — leased to them in the shared database like the dialer's
 * claims, so no campaign and no other operator touches it meanwhile.
 */
@Service
public class OperatorWork {

    private static final int CLAIM_ROUNDS = 5;

    private final OperatorSessions sessions;
    private final OperatorRows rows;
    private final TaskLeases leases;
    private final ServiceTasks tasks;
    private final CallAttempts attempts;
    private final OperatorScripts scripts;
    private final OperatorProperties properties;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    OperatorWork(OperatorSessions sessions, OperatorRows rows, TaskLeases leases, ServiceTasks tasks,
            CallAttempts attempts, OperatorScripts scripts, OperatorProperties properties, AuditTrail audit,
            TransactionTemplate transactions, Clock clock) {
        this.sessions = sessions;
        this.rows = rows;
        this.leases = leases;
        this.tasks = tasks;
        this.attempts = attempts;
        this.scripts = scripts;
        this.properties = properties;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The lease owner name of an operator's claims (never a node name, so the dialer's claims stay apart). */
    static String owner(String username) {
        return "operator:" + username;
    }

    /** The operator's task: the one they hold, else a newly claimed one; empty when nothing is waiting. */
    public Optional<OperatorTask> next(String username) {
        sessions.registered(username);
        return claimNext(username);
    }

    /**
     * Takes one particular party waiting in the operators' queue (the transfer the operator accepted on screen); 409
     * when another operator took it first, when it no longer waits, or when this operator holds another task.
     */
    public OperatorTask takeQueued(String username, long taskId) {
        sessions.registered(username);
        return transactions.execute(tx -> {
            Optional<OperatorTask> held = current(username);
            if (held.isPresent()) {
                if (held.get().task().id() == taskId) {
                    return held.get();
                }
                throw new ConflictException("operator " + username + " holds task " + held.get().task().id()
                        + ": finish it before taking another party");
            }
            Optional<OperatorRows.Queued> queued = rows.takeQueuedTask(taskId, owner(username), username, now(),
                    properties.lease());
            if (queued.isEmpty()) {
                throw new ConflictException(rows.queued(taskId).map(q -> q.takenBy() != null
                        ? "the party of task " + taskId + " was taken by operator " + q.takenBy() + " first"
                        : "the party of task " + taskId + " cannot be taken now (on a call, or held by another)")
                        .orElse("the party of task " + taskId + " is not waiting for an operator"));
            }
            return take(username, new TaskId(taskId), queued.get()).orElseThrow(() -> new ConflictException(
                    "task " + taskId + " is no longer on the phone"));
        });
    }

    private Optional<OperatorTask> claimNext(String username) {
        return transactions.execute(tx -> {
            Optional<OperatorTask> held = current(username);
            if (held.isPresent()) {
                return held;
            }
            for (int claims = 0; claims < CLAIM_ROUNDS; claims++) {
                Instant now = now();
                Optional<OperatorRows.Queued> queued = rows.takeQueued(owner(username), username, now,
                        properties.lease());
                Optional<TaskId> claimed = queued.map(q -> new TaskId(q.taskId())).or(() -> leases.claim(
                        new TaskLeases.ClaimQuery(List.of(TaskState.APPROVED, TaskState.PHONE), null, null, true,
                                true), owner(username), 1, properties.lease()).stream().findFirst());
                if (claimed.isEmpty()) {
                    return Optional.<OperatorTask>empty();
                }
                Optional<OperatorTask> taken = take(username, claimed.get(), queued.orElse(null));
                if (taken.isPresent()) {
                    return taken;
                }
            }
            return Optional.<OperatorTask>empty();
        });
    }

    /** Takes a claimed task; an approved one whose court serves by post first is dispatched and let go. */
    private Optional<OperatorTask> take(String username, TaskId id, OperatorRows.Queued queued) {
        ServiceTask task = tasks.get(id);
        if (task.state() == TaskState.APPROVED) {
            task = tasks.move(id, TaskTrigger.DISPATCH, username, null, Map.of("operator", username));
        }
        if (task.state() != TaskState.PHONE) {
            leases.release(id, owner(username));
            return Optional.empty();
        }
        rows.currentTask(username, id.value());
        audit.append(new AuditRecord(id.auditChain(), username, "OPERATOR_TOOK_TASK", "task:" + id, null, null,
                queued == null ? Map.of("source", "PREVIEW")
                        : Map.of("source", "QUEUE", "transferredAttempt", queued.attemptId())));
        return Optional.of(view(task, username));
    }

    /** The task the operator holds, while its lease is theirs and it is still on the phone. */
    Optional<OperatorTask> current(String username) {
        OperatorRows.Session session = sessions.session(username);
        if (session.currentTaskId() == null) {
            return Optional.empty();
        }
        TaskId id = new TaskId(session.currentTaskId());
        ServiceTask task = tasks.get(id);
        boolean mine = rows.leaseOwner(id.value(), now()).map(owner(username)::equals).orElse(false);
        if (!mine || task.state() != TaskState.PHONE) {
            rows.currentTask(username, null);
            return Optional.empty();
        }
        leases.renew(id, owner(username), properties.lease());
        return Optional.of(view(task, username));
    }

    /** The operator's current task, which must be {@code taskId}; 409 otherwise. */
    ServiceTask held(String username, long taskId) {
        OperatorTask task = current(username).orElseThrow(() -> new ConflictException(ProblemText.of(
                "operator.no-task", "operator " + username + " holds no task: take one with POST /api/v1/operators/me/next",
                username)));
        if (task.task().id() != taskId) {
            throw new ConflictException(ProblemText.of("operator.other-task",
                    "task " + taskId + " is not the task operator " + username + " holds (" + task.task().id() + ")",
                    taskId, username, task.task().id()));
        }
        return tasks.get(new TaskId(taskId));
    }

    /** Lets go of the task: the lease ends and the operator's screen is free for the next one. */
    void release(String username, TaskId id) {
        leases.release(id, owner(username));
        rows.currentTask(username, null);
    }

    /**
     * The task's latest call still on the line: not settled and its channels not yet gone (an ended call may wait
     * for its result a while, but it can no longer be redirected, hung up or dialled twice).
     */
    Optional<CallAttempt> liveAttempt(long taskId) {
        return attempts.forTask(taskId).stream().filter(a -> a.state() != AttemptState.ENDED && a.endedAt() == null)
                .max(Comparator.comparing(CallAttempt::createdAt));
    }

    /**
     * The recorded call a consent or disposition rests on: the operator's latest call of this task, else the
     * automated call whose party asked for an operator.
     */
    Optional<CallAttempt> recordedCall(String username, long taskId) {
        List<CallAttempt> all = attempts.forTask(taskId);
        return all.stream().filter(a -> username.equals(a.operator())).max(Comparator.comparing(CallAttempt::createdAt))
                .or(() -> rows.queuedTakenBy(taskId, username).flatMap(q -> attempts.find(q.attemptId())));
    }

    private OperatorTask view(ServiceTask task, String username) {
        long id = task.id().value();
        Optional<OperatorRows.Queued> queued = rows.queuedTakenBy(id, username);
        return new OperatorTask(TaskView.of(task, attempts.forTask(id)), OperatorScripts.VERSION,
                scripts.scriptFor(task), queued.isPresent() ? "QUEUE" : "PREVIEW",
                queued.map(OperatorRows.Queued::attemptId).orElse(null),
                liveAttempt(id).map(CallAttempt::id).orElse(null));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
