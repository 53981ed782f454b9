package org.serveline.server.cluster;

import java.util.List;

/**
 * Attempts per second from their creation times (µs, sorted), counted the same way everywhere: intervals between
 * attempts over the time they span, so that a stretch of attempts spaced exactly 1/R apart reads R.
 */
final class AttemptRates {

    private AttemptRates() {
    }

    /** Attempts per second from the first to the last. */
    static double sustained(List<Long> micros) {
        if (micros.size() < 2 || micros.getLast().equals(micros.getFirst())) {
            return 0;
        }
        return (micros.size() - 1) / ((micros.getLast() - micros.getFirst()) / 1e6);
    }

    /**
     * The busiest stretch at least {@code windowMicros} long between two attempts, as attempts per second (the
     * whole run if it is shorter). The whole run is one such stretch, so this is never below {@link #sustained};
     * a count in a fixed window ({@code n / window}) was: a run shorter than the window, or attempts just outside
     * its edges, read lower than the run's own average.
     */
    static double busiest(List<Long> micros, long windowMicros) {
        if (micros.size() < 2 || micros.getLast() - micros.getFirst() < windowMicros) {
            return sustained(micros);
        }
        double best = 0;
        // every pair of attempts at least a window apart (a few hundred thousand pairs for a bench run)
        for (int from = 0, to = 0; from < micros.size(); from++) {
            while (to < micros.size() && micros.get(to) - micros.get(from) < windowMicros) {
                to++;
            }
            for (int end = to; end < micros.size(); end++) {
                best = Math.max(best, (end - from) / ((micros.get(end) - micros.get(from)) / 1e6));
            }
        }
        return best;
    }
}
