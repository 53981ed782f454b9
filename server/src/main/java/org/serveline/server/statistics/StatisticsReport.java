package org.serveline.server.statistics;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * The answer of {@code GET /api/v1/statistics}: figures for the whole range, per court and per day or week (by the
 * day each task was submitted, in {@code zone}).
 */
public record StatisticsReport(String court, LocalDate from, LocalDate to, ZoneId zone, String bucket, Figures total,
        List<CourtFigures> byCourt, List<BucketFigures> byBucket) {

    public record CourtFigures(String court, Figures figures) {
    }

    public record BucketFigures(LocalDate start, Figures figures) {
    }

    /**
     * @param successRate served ÷ submitted (null when nothing was submitted)
     * @param servedBy per channel that served: count and share of the served tasks
     * @param submissionToServed from submission to the SERVED move
     * @param approvalToFirstCall from approval to the first call attempt
     * @param attemptsPerTask call attempts ÷ tasks submitted (null when none)
     */
    public record Figures(long tasks, long served, long cancelled, long open, Double successRate,
            Map<String, ChannelShare> servedBy, Spread submissionToServed, Spread approvalToFirstCall, long attempts,
            Double attemptsPerTask) {
    }

    public record ChannelShare(long count, double share) {
    }

    /** How long something took: over {@code count} tasks, the median and the 90th percentile (nearest rank). */
    public record Spread(long count, Duration median, Duration p90, Long medianSeconds, Long p90Seconds) {
    }
}
