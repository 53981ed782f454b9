package org.serveline.pbxsim.call;

import java.util.concurrent.atomic.LongAdder;

/** Calls started and ended since start-up (active is their difference), and the FastAGI servers' turns. */
public final class CallCounters {

    private final LongAdder started = new LongAdder();
    private final LongAdder ended = new LongAdder();
    private final AgiTurnTimes agiTurns = new AgiTurnTimes();

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

    public long callsActive() {
        return started.sum() - ended.sum();
    }
}
