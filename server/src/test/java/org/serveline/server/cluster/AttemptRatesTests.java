package org.serveline.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class AttemptRatesTests {

    private static final long TEN_SECONDS = 10_000_000L;

    @Test
    void evenlySpacedAttemptsReadTheirRateBothWays() {
        List<Long> tenPerSecondFor60s = LongStream.range(0, 601).map(i -> 5_000_000L + i * 100_000L).boxed().toList();
        assertThat(AttemptRates.sustained(tenPerSecondFor60s)).isCloseTo(10.0, within(1e-9));
        assertThat(AttemptRates.busiest(tenPerSecondFor60s, TEN_SECONDS)).isCloseTo(10.0, within(1e-9));
    }

    @Test
    void aRunShorterThanTheWindowReadsItsOwnRate() {
        // 36 attempts in 8 s: 35 / 8 = 4.375/s; "36 in a 10 s window" read 3.6/s
        List<Long> run = LongStream.range(0, 36).map(i -> i * 8_000_000L / 35).boxed().toList();
        assertThat(AttemptRates.busiest(run, TEN_SECONDS)).isCloseTo(4.375, within(1e-9));
    }

    @Test
    void attemptsJustOutsideAWindowsEdgesDoNotPullItBelowTheAverage() {
        // pairs 10.0005 s apart: any 10 s window holds 2, read 0.2/s; the run's average is 3 / 10.002 s
        List<Long> run = List.of(0L, 1_000L, 10_000_500L, 10_002_000L);
        double sustained = AttemptRates.sustained(run);
        assertThat(sustained).isCloseTo(0.2999, within(1e-4));
        assertThat(AttemptRates.busiest(run, TEN_SECONDS)).isGreaterThanOrEqualTo(sustained);
    }

    @Test
    void aBurstInsideALongRunIsFound() {
        List<Long> run = new ArrayList<>(LongStream.range(0, 60).map(i -> i * 1_000_000L).boxed().toList());
        // 10 s at 5/s in the middle of a 1/s run
        run.addAll(LongStream.range(0, 50).map(i -> 100_000_000L + i * 200_000L).boxed().toList());
        run.addAll(LongStream.range(0, 60).map(i -> 110_000_000L + i * 1_000_000L).boxed().toList());
        List<Long> sorted = run.stream().sorted().toList();
        assertThat(AttemptRates.busiest(sorted, TEN_SECONDS)).isCloseTo(5.0, within(0.11))
                .isGreaterThan(AttemptRates.sustained(sorted));
    }
}
