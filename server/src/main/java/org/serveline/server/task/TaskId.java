package org.serveline.server.task;

/** The durable id of a service task. */
public record TaskId(long value) {

    public TaskId {
        if (value <= 0) {
            throw new IllegalArgumentException("a task id is positive");
        }
    }

    /** The task a URL names: an id no task can have (zero, negative) is a task not found (404), not a server error. */
    public static TaskId inPath(long id) {
        if (id <= 0) {
            throw new TaskNotFoundException(id);
        }
        return new TaskId(id);
    }

    /** The audit chain the task's events hang on. */
    public String auditChain() {
        return "task:" + value;
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
