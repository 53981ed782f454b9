package org.serveline.server.statistics.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.serveline.server.statistics.StatisticsReport;

/** Adds up the facts of tasks into one set of figures. */
public final class FiguresBuilder {

    private long tasks;
    private long served;
    private long cancelled;
    private long attempts;
    private final Map<String, Long> channels = new TreeMap<>();
    private final List<Long> toServed = new ArrayList<>();
    private final List<Long> toFirstCall = new ArrayList<>();

    public void add(TaskFacts task) {
        tasks++;
        attempts += task.attempts();
        if ("CANCELLED".equals(task.state())) {
            cancelled++;
        }
        if (task.servedAt() != null) {
            served++;
            channels.merge(task.servedChannel() == null ? "UNKNOWN" : task.servedChannel(), 1L, Long::sum);
            toServed.add(Duration.between(task.submittedAt(), task.servedAt()).toSeconds());
        }
        if (task.approvedAt() != null && task.firstCallAt() != null && !task.firstCallAt().isBefore(task.approvedAt())) {
            toFirstCall.add(Duration.between(task.approvedAt(), task.firstCallAt()).toSeconds());
        }
    }

    public StatisticsReport.Figures build() {
        Map<String, StatisticsReport.ChannelShare> servedBy = new TreeMap<>();
        channels.forEach((channel, count) -> servedBy.put(channel,
                new StatisticsReport.ChannelShare(count, round((double) count / served))));
        return new StatisticsReport.Figures(tasks, served, cancelled, tasks - served - cancelled,
                tasks == 0 ? null : round((double) served / tasks), servedBy, spread(toServed), spread(toFirstCall),
                attempts, tasks == 0 ? null : round((double) attempts / tasks));
    }

    static StatisticsReport.Spread spread(List<Long> seconds) {
        if (seconds.isEmpty()) {
            return new StatisticsReport.Spread(0, null, null, null, null);
        }
        List<Long> sorted = new ArrayList<>(seconds);
        Collections.sort(sorted);
        long median = percentile(sorted, 0.5);
        long p90 = percentile(sorted, 0.9);
        return new StatisticsReport.Spread(sorted.size(), Duration.ofSeconds(median), Duration.ofSeconds(p90), median,
                p90);
    }

    /** Nearest rank: the smallest value with at least p of the values at or below it. */
    static long percentile(List<Long> sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
