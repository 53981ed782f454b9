package org.serveline.server.call;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** A call attempt's own small life: written DIALING before the Originate, ANSWERED when the party picks up, ENDED once. */
public enum AttemptState {
    DIALING, ANSWERED, ENDED;

    private static final Map<AttemptState, Set<AttemptState>> MOVES = Map.of(
            DIALING, EnumSet.of(ANSWERED, ENDED),
            ANSWERED, EnumSet.of(ENDED),
            ENDED, EnumSet.noneOf(AttemptState.class));

    public boolean canMoveTo(AttemptState next) {
        return MOVES.get(this).contains(next);
    }
}
