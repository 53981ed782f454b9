package org.serveline.pbxsim.call;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * When each valid Originate action arrived, on the simulator's clock (µs since the counters were made), so that
 * a load harness can take the rate of two different clients from the same clock with the same arithmetic. Keeps
 * the first {@value #MAX_SAMPLES} arrivals.
 */
public final class OriginateTimes {

    static final int MAX_SAMPLES = 2_000_000;

    private final long base = System.nanoTime();
    private final long[] micros = new long[MAX_SAMPLES];
    private final AtomicInteger count = new AtomicInteger();

    void arrived() {
        long at = (System.nanoTime() - base) / 1_000;
        int index = count.getAndIncrement();
        if (index < MAX_SAMPLES) {
            micros[index] = at;
        }
    }

    /** Arrivals recorded so far. */
    public int measured() {
        return Math.min(count.get(), MAX_SAMPLES);
    }

    /** The arrival times after the first {@code skip}, in µs, in ascending order. */
    public long[] after(int skip) {
        int from = Math.max(0, Math.min(skip, measured()));
        long[] times = Arrays.copyOfRange(micros, from, measured());
        Arrays.sort(times); // two connections' actions are recorded by two threads: almost, not quite, in order
        return times;
    }
}
