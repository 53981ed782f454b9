package org.serveline.server.task;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A way of reaching a party. ELECTRONIC follows PHONE once the party has consented on a recorded call. */
public enum ServiceChannel {
    PHONE(TaskState.PHONE),
    ELECTRONIC(TaskState.ELECTRONIC),
    POSTAL(TaskState.POSTAL),
    IN_PERSON(TaskState.IN_PERSON),
    PUBLIC_NOTICE(TaskState.PUBLIC_NOTICE);

    private final TaskState state;

    ServiceChannel(TaskState state) {
        this.state = state;
    }

    public TaskState state() {
        return state;
    }

    static Optional<ServiceChannel> ofState(TaskState state) {
        return Arrays.stream(values()).filter(c -> c.state == state).findFirst();
    }

    /** Parses a chain such as {@code PHONE,POSTAL,IN_PERSON,PUBLIC_NOTICE}. */
    public static List<ServiceChannel> parseChain(String chain) {
        return Arrays.stream(chain.split(",")).map(String::trim).map(ServiceChannel::valueOf).toList();
    }

    public static String formatChain(List<ServiceChannel> chain) {
        return String.join(",", chain.stream().map(Enum::name).toList());
    }
}
