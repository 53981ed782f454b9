package org.serveline.pbxsim.call;

import java.util.concurrent.atomic.LongAdder;

/**
 * Calls started and ended since start-up (active is their difference), the FastAGI servers' turns, and when each
 * Originate arrived.
 */
public final class CallCounters {

    private final LongAdder started = new LongAdder();
    private final LongAdder ended = new LongAdder();
    private final AgiTurnTimes agiTurns = new AgiTurnTimes();
    private final OriginateTimes originates = new OriginateTimes();

    void started() {
        started.increment();
    }

    void ended() {
        ended.increment();
    }

    public long callsStarted() {
        return started.sum();
    }

    public long callsEnded() {
        return ended.sum();
    }

    public AgiTurnTimes agiTurns() {
        return agiTurns;
    }

    /** When each valid Originate arrived. */
    public OriginateTimes originates() {
        return originates;
    }

    public long callsActive() {
        return started.sum() - ended.sum();
    }
}
