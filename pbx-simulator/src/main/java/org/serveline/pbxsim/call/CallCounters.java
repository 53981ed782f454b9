package org.serveline.pbxsim.call;

import java.util.concurrent.atomic.LongAdder;

/** Calls started and ended since start-up; active is their difference. */
public final class CallCounters {

    private final LongAdder started = new LongAdder();
    private final LongAdder ended = new LongAdder();

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

    public long callsActive() {
        return started.sum() - ended.sum();
    }
}
