package org.serveline.server.task;

import org.serveline.server.web.ConflictException;

/** A move the task life cycle does not allow. The API answers it with 409 Conflict. */
public class IllegalTransitionException extends ConflictException {

    private final TaskState from;
    private final TaskTrigger trigger;

    public IllegalTransitionException(TaskState from, TaskTrigger trigger, String detail) {
        super("cannot " + trigger + " a task in state " + from + ": " + detail);
        this.from = from;
        this.trigger = trigger;
    }

    public TaskState from() {
        return from;
    }

    public TaskTrigger trigger() {
        return trigger;
    }
}
