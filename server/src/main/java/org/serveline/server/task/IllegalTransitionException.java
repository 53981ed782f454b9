package org.serveline.server.task;

import org.serveline.server.web.ConflictException;
import org.serveline.server.web.ProblemText;

/** A move the task life cycle does not allow. The API answers it with 409 Conflict. */
public class IllegalTransitionException extends ConflictException {

    private final TaskState from;
    private final TaskTrigger trigger;

    public IllegalTransitionException(TaskState from, TaskTrigger trigger, String detail) {
        this(from, trigger, ProblemText.untranslated(detail));
    }

    /** The move refused, said in the reader's language (the states and the move by their names, ADR 0026). */
    public IllegalTransitionException(TaskState from, TaskTrigger trigger, ProblemText detail) {
        super(ProblemText.of("task.illegal-move", "cannot " + trigger + " a task in state " + from + ": "
                + detail.english(), ProblemText.of("task.trigger." + trigger, trigger.toString()),
                ProblemText.of("task.state." + from, from.toString()), detail));
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
