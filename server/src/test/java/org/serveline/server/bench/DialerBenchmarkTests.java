package org.serveline.server.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The benchmark's own arithmetic: its best window can never report less than its sustained rate. */
class DialerBenchmarkTests {

    @Test
    void anEvenRateIsItsOwnBestWindow() {
        List<Long> tenPerSecondFor20s = LongStream.range(0, 201).map(i -> i * 100_000).boxed().toList();
        assertThat(DialerBenchmark.bestWindowRate(tenPerSecondFor20s, 5.0)).isCloseTo(10.0, within(0.01));
    }

    @Test
    void aRunShorterThanTheWindowIsMeasuredOverItsOwnSpan() {
        // 100 calls in 2 s: sustained 99 / 2 = 49.5/s; an aligned 5 s bucket used to report 100 / 5 = 20/s
        List<Long> burst = LongStream.range(0, 100).map(i -> 1_000_000_000L + i * 20_202).boxed().toList();
        double span = (burst.getLast() - burst.getFirst()) / 1e6;
        double sustained = (burst.size() - 1) / span;
        assertThat(DialerBenchmark.bestWindowRate(burst, Math.min(5.0, span))).isCloseTo(sustained, within(0.01));
    }

    @Test
    void aBurstInsideALongRunIsFoundWhereverItFalls() {
        List<Long> slowThenFast = LongStream.concat(LongStream.range(0, 10).map(i -> i * 1_000_000),
                LongStream.range(0, 51).map(i -> 12_300_000 + i * 100_000)).boxed().toList();
        assertThat(DialerBenchmark.bestWindowRate(slowThenFast, 5.0)).isCloseTo(10.0, within(0.01));
    }

    @Test
    void aWindowAsLongAsTheRunHoldsItsLastCallToo() {
        // 1,000,028 µs / 1e6 * 1e6 is 1,000,027.99…: a truncated window dropped the last call (best 243.6 < 248.3)
        List<Long> run = List.of(0L, 500_000L, 1_000_028L);
        double span = run.getLast() / 1e6;
        assertThat(DialerBenchmark.bestWindowRate(run, span)).isCloseTo(2 / span, within(1e-9));
    }
}
