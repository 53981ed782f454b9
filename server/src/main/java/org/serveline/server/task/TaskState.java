package org.serveline.server.task;

import java.util.Optional;

/** Where a service task stands in its life (see DESIGN.md, "The life of a service task"). */
public enum TaskState {
    SUBMITTED,
    RETURNED,
    APPROVED,
    PHONE,
    ELECTRONIC,
    POSTAL,
    IN_PERSON,
    PUBLIC_NOTICE,
    SERVED,
    CANCELLED;

    public boolean isTerminal() {
        return this == SERVED || this == CANCELLED;
    }

    /** The channel a task in this state is being served through, if any. */
    public Optional<ServiceChannel> channel() {
        return ServiceChannel.ofState(this);
    }
}
