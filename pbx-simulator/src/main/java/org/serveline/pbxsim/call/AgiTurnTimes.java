package org.serveline.pbxsim.call;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How long FastAGI servers take to answer, as the PBX sees it: from the PBX sending a line (the request
 * environment, or a command's {@code 200 result=} reply) to the next command arriving. Keeps the first
 * {@value #MAX_SAMPLES} turns, for load measurements.
 */
public final class AgiTurnTimes {

    static final int MAX_SAMPLES = 2_000_000;

    private final long[] nanos = new long[MAX_SAMPLES];
    private final AtomicInteger count = new AtomicInteger();

    void record(long turnNanos) {
        int index = count.getAndIncrement();
        if (index < MAX_SAMPLES) {
            nanos[index] = turnNanos;
        }
    }

    /** Turns measured so far. */
    public int measured() {
        return Math.min(count.get(), MAX_SAMPLES);
    }

    /** The p-th percentile (0..100) in milliseconds; NaN when nothing was measured. */
    public double percentileMillis(double p) {
        return percentileMillis(p, 0);
    }

    /** The p-th percentile (0..100) in milliseconds of the turns after the first {@code skip}; NaN when none. */
    public double percentileMillis(double p, int skip) {
        int from = Math.max(0, Math.min(skip, measured()));
        int n = measured() - from;
        if (n == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOfRange(nanos, from, from + n);
        Arrays.sort(sorted);
        int index = (int) Math.min(n - 1, Math.max(0, Math.ceil(p / 100.0 * n) - 1));
        return sorted[index] / 1_000_000.0;
    }
}
