package org.serveline.server.campaign;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** A campaign's life: created, running, paused and resumed, stopped for good. */
public enum CampaignState {
    CREATED, RUNNING, PAUSED, STOPPED;

    private static final Map<CampaignState, Set<CampaignState>> MOVES = Map.of(
            CREATED, EnumSet.of(RUNNING, STOPPED),
            RUNNING, EnumSet.of(PAUSED, STOPPED),
            PAUSED, EnumSet.of(RUNNING, STOPPED),
            STOPPED, EnumSet.noneOf(CampaignState.class));

    public boolean canMoveTo(CampaignState next) {
        return MOVES.get(this).contains(next);
    }
}
