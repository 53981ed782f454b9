package org.serveline.server.task;

import static org.serveline.server.task.TaskState.APPROVED;
import static org.serveline.server.task.TaskState.CANCELLED;
import static org.serveline.server.task.TaskState.ELECTRONIC;
import static org.serveline.server.task.TaskState.IN_PERSON;
import static org.serveline.server.task.TaskState.PHONE;
import static org.serveline.server.task.TaskState.POSTAL;
import static org.serveline.server.task.TaskState.PUBLIC_NOTICE;
import static org.serveline.server.task.TaskState.RETURNED;
import static org.serveline.server.task.TaskState.SERVED;
import static org.serveline.server.task.TaskState.SUBMITTED;
import static org.serveline.server.task.TaskTrigger.APPROVE;
import static org.serveline.server.task.TaskTrigger.CANCEL;
import static org.serveline.server.task.TaskTrigger.CHANNEL_FAILED;
import static org.serveline.server.task.TaskTrigger.CONSENT_CAPTURED;
import static org.serveline.server.task.TaskTrigger.DELIVERED;
import static org.serveline.server.task.TaskTrigger.DISPATCH;
import static org.serveline.server.task.TaskTrigger.NOTICE_ELAPSED;
import static org.serveline.server.task.TaskTrigger.RESUBMIT;
import static org.serveline.server.task.TaskTrigger.RETURN;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.serveline.server.web.ProblemText;

/**
 * The service task's life cycle as one table: (state, trigger) → how to find the next state. Targets that
 * depend on the court's channel chain are resolved against the chain the task was created with.
 */
public final class TaskLifecycle {

    /** How a row finds its target state. */
    @FunctionalInterface
    interface Target {
        Optional<TaskState> resolve(TaskState from, List<ServiceChannel> chain);

        static Target fixed(TaskState to) {
            return (from, chain) -> Optional.of(to);
        }
    }

    private static final Target FIRST_CHANNEL =
            (from, chain) -> chain.stream().findFirst().map(ServiceChannel::state);

    /** The next channel of the chain after the one that failed; ELECTRONIC failing falls back after PHONE. */
    private static final Target NEXT_CHANNEL = (from, chain) -> {
        ServiceChannel failed = from == ELECTRONIC ? ServiceChannel.PHONE : from.channel().orElseThrow();
        int at = chain.indexOf(failed);
        return at < 0 || at + 1 >= chain.size() ? Optional.empty() : Optional.of(chain.get(at + 1).state());
    };

    private static final Map<TaskState, Map<TaskTrigger, Target>> TABLE = new EnumMap<>(TaskState.class);

    static {
        row(SUBMITTED, APPROVE, Target.fixed(APPROVED));
        row(SUBMITTED, RETURN, Target.fixed(RETURNED));
        row(RETURNED, RESUBMIT, Target.fixed(SUBMITTED));
        row(APPROVED, DISPATCH, FIRST_CHANNEL);
        row(PHONE, CONSENT_CAPTURED, Target.fixed(ELECTRONIC));
        for (TaskState channel : List.of(PHONE, ELECTRONIC, POSTAL, IN_PERSON)) {
            row(channel, CHANNEL_FAILED, NEXT_CHANNEL);
        }
        for (TaskState channel : List.of(ELECTRONIC, POSTAL, IN_PERSON)) {
            row(channel, DELIVERED, Target.fixed(SERVED));
        }
        row(PUBLIC_NOTICE, NOTICE_ELAPSED, Target.fixed(SERVED));
        for (TaskState open : TaskState.values()) {
            if (!open.isTerminal()) {
                row(open, CANCEL, Target.fixed(CANCELLED));
            }
        }
    }

    private TaskLifecycle() {
    }

    private static void row(TaskState from, TaskTrigger trigger, Target target) {
        TABLE.computeIfAbsent(from, s -> new EnumMap<>(TaskTrigger.class)).put(trigger, target);
    }

    /**
     * The state a task moves to, or an {@link IllegalTransitionException} when the table has no such move
     * (or the chain has no channel left to fall back to).
     */
    public static TaskState next(TaskState from, TaskTrigger trigger, List<ServiceChannel> chain) {
        Target target = TABLE.getOrDefault(from, Map.of()).get(trigger);
        if (target == null) {
            throw new IllegalTransitionException(from, trigger, ProblemText.of("task.no-such-move",
                    "no such move from " + from));
        }
        return target.resolve(from, chain).orElseThrow(() -> new IllegalTransitionException(from, trigger,
                ProblemText.of("task.chain-end", "the channel chain " + chain + " has no channel after " + from)));
    }

    public static boolean allows(TaskState from, TaskTrigger trigger) {
        return TABLE.getOrDefault(from, Map.of()).containsKey(trigger);
    }
}
