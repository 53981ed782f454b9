package org.serveline.server.task;

/** The durable id of a service task. */
public record TaskId(long value) {

    public TaskId {
        if (value <= 0) {
            throw new IllegalArgumentException("a task id is positive");
        }
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
