package org.serveline.server.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The benchmark's own arithmetic (its best window never reports less than its sustained rate) and options. */
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
    void aRunLongerThanTheWindowIsNeverBestBelowItsAverage() {
        // calls 0.3 s apart over 6 s: a 5 s window holds 17 calls, and (17 - 1) / 5 s = 3.2/s < 3.33/s sustained
        List<Long> run = LongStream.rangeClosed(0, 20).map(i -> i * 300_000).boxed().toList();
        double sustained = DialerBenchmark.sustainedRate(run);
        assertThat(sustained).isCloseTo(1 / 0.3, within(1e-9));
        assertThat(DialerBenchmark.bestWindowRate(run, 5.0)).isCloseTo(sustained, within(1e-9));
    }

    @Test
    void noRunHasABestWindowBelowItsSustainedRate() {
        java.util.Random random = new java.util.Random(13);
        for (int run = 0; run < 200; run++) {
            List<Long> times = new java.util.ArrayList<>();
            long t = 0;
            for (int i = 0, n = 2 + random.nextInt(300); i < n; i++) {
                t += random.nextInt(random.nextBoolean() ? 50_000 : 400_000);
                times.add(t);
            }
            double span = (times.getLast() - times.getFirst()) / 1e6;
            assertThat(DialerBenchmark.bestWindowRate(times, Math.min(5.0, span)))
                    .as("run %d", run).isGreaterThanOrEqualTo(DialerBenchmark.sustainedRate(times) - 1e-9);
        }
    }

    @Test
    void unpacedHoldsNeitherSide() {
        DialerBenchmark.Options paced = DialerBenchmark.Options.parse(new String[] {"--rate", "300", "--calls", "50"});
        assertThat(paced.unpaced()).isFalse();
        assertThat(paced.serverRate()).isEqualTo(300);
        assertThat(paced.bareRate()).isEqualTo(300);
        DialerBenchmark.Options unpaced = DialerBenchmark.Options.parse(new String[] {"--warmup", "10", "--unpaced",
            "--calls", "50"});
        assertThat(unpaced.unpaced()).isTrue();
        assertThat(unpaced.warmup()).isEqualTo(10);
        assertThat(unpaced.calls()).isEqualTo(50);
        assertThat(unpaced.serverRate()).isEqualTo(DialerBenchmark.UNPACED_RATE);
        assertThat(unpaced.bareRate()).isInfinite();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DialerBenchmark.Options.parse(
                new String[] {"--calls"})).hasMessageContaining("has no value");
    }

    @Test
    void aWindowAsLongAsTheRunHoldsItsLastCallToo() {
        // 1,000,028 µs / 1e6 * 1e6 is 1,000,027.99…: a truncated window dropped the last call (best 243.6 < 248.3)
        List<Long> run = List.of(0L, 500_000L, 1_000_028L);
        double span = run.getLast() / 1e6;
        assertThat(DialerBenchmark.bestWindowRate(run, span)).isCloseTo(2 / span, within(1e-9));
    }

    @Test
    void aThreadThatEndsDuringTheSpanKeepsItsCpu() throws InterruptedException {
        CpuSampler sampler = CpuSampler.start(java.time.Duration.ofMillis(20));
        Thread worker = Thread.ofPlatform().name("worker-that-ends").start(DialerBenchmarkTests::burn300Ms);
        Thread bench = Thread.ofPlatform().name("bench-own").start(DialerBenchmarkTests::burn300Ms);
        worker.join();
        bench.join();
        CpuSampler.Split split = sampler.stop();
        // the old accounting (threads alive at the end less those alive at the start) gave the ended worker nothing;
        // sampled every 20 ms it keeps all but its last few ms
        assertThat(split.javaThreads() / 1e6).as("the ended worker's CPU, ms").isGreaterThan(200);
        assertThat(split.bench() / 1e6).as("the bench's own thread, apart, ms").isGreaterThan(200);
        assertThat(split.process()).as("the whole process holds its parts")
                .isGreaterThanOrEqualTo(split.javaThreads() + split.bench());
        assertThat(split.server()).isEqualTo(split.process() - split.bench());
    }

    @Test
    void theSettleDelayIsReadAsTheBoundOfTheBucketHoldingTheRank() {
        java.util.Map<Double, Double> within = new java.util.TreeMap<>(java.util.Map.of(10.0, 50.0, 50.0, 99.0,
                100.0, 100.0));
        assertThat(BenchCounters.bound(within, 50)).isEqualTo(10.0);
        assertThat(BenchCounters.bound(within, 99)).isEqualTo(50.0);
        assertThat(BenchCounters.bound(within, 100)).isEqualTo(100.0);
        assertThat(BenchCounters.bound(within, 101)).as("beyond the histogram").isNaN();
    }

    private static void burn300Ms() {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long x = 0;
        while (threads.getCurrentThreadCpuTime() < 300_000_000L) {
            for (int i = 0; i < 10_000; i++) {
                x += i * 31L ^ x;
            }
        }
        if (x == 42) {
            System.out.print(""); // keeps the loop from being optimised away
        }
    }
}
