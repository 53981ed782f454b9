package org.serveline.server.statistics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.serveline.server.statistics.StatisticsReport;

class FiguresBuilderTests {

    private static final Instant T0 = Instant.parse("2026-11-30T00:00:00Z");

    @Test
    void percentilesAreNearestRank() {
        List<Long> values = List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(FiguresBuilder.percentile(values, 0.5)).isEqualTo(5);
        assertThat(FiguresBuilder.percentile(values, 0.9)).isEqualTo(9);
        assertThat(FiguresBuilder.percentile(List.of(42L), 0.9)).isEqualTo(42);
        assertThat(FiguresBuilder.spread(List.of()).count()).isZero();
        assertThat(FiguresBuilder.spread(List.of()).median()).isNull();
    }

    @Test
    void servedTasksAreSharedByChannelAndTimedFromSubmission() {
        FiguresBuilder figures = new FiguresBuilder();
        figures.add(task("SERVED", 3, T0.plusSeconds(60), T0.plusSeconds(120), T0.plus(Duration.ofMinutes(72)),
                "ELECTRONIC"));
        figures.add(task("SERVED", 1, T0.plusSeconds(60), T0.plusSeconds(600), T0.plus(Duration.ofDays(30)),
                "PUBLIC_NOTICE"));
        figures.add(task("SERVED", 0, null, null, T0.plus(Duration.ofMinutes(10)), "ELECTRONIC"));
        figures.add(task("CANCELLED", 0, null, null, null, null));
        figures.add(task("PHONE", 2, T0.plusSeconds(60), T0.plusSeconds(30), null, null)); // call before approval

        StatisticsReport.Figures built = figures.build();
        assertThat(built.tasks()).isEqualTo(5);
        assertThat(built.served()).isEqualTo(3);
        assertThat(built.cancelled()).isEqualTo(1);
        assertThat(built.open()).isEqualTo(1);
        assertThat(built.successRate()).isEqualTo(0.6);
        assertThat(built.servedBy().get("ELECTRONIC")).isEqualTo(new StatisticsReport.ChannelShare(2, 0.6667));
        assertThat(built.servedBy().get("PUBLIC_NOTICE").share()).isEqualTo(0.3333);
        assertThat(built.submissionToServed().median()).isEqualTo(Duration.ofMinutes(72));
        assertThat(built.submissionToServed().p90()).isEqualTo(Duration.ofDays(30));
        assertThat(built.approvalToFirstCall().count()).isEqualTo(2);
        assertThat(built.approvalToFirstCall().medianSeconds()).isEqualTo(60);
        assertThat(built.attempts()).isEqualTo(6);
        assertThat(built.attemptsPerTask()).isEqualTo(1.2);
    }

    @Test
    void nothingSubmittedHasNoRates() {
        StatisticsReport.Figures empty = new FiguresBuilder().build();
        assertThat(empty.tasks()).isZero();
        assertThat(empty.successRate()).isNull();
        assertThat(empty.attemptsPerTask()).isNull();
        assertThat(empty.servedBy()).isEmpty();
    }

    private static TaskFacts task(String state, long attempts, Instant approved, Instant firstCall, Instant served,
            String channel) {
        return new TaskFacts(1, "NMG0303", "(2026)内0303民初1号", "张三", "DEFENDANT", state, null, T0, approved,
                firstCall, attempts, served, channel, null);
    }
}
