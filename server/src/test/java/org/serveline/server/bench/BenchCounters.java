package org.serveline.server.bench;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Where the work of a bench run went: CPU time of the server's JVM (the whole process less the bench's threads,
 * split into its Java threads, the collector, the JIT compiler and the rest: {@link CpuSampler}), of the
 * simulator's JVM and of the embedded MariaDB process; MariaDB's statement counters; and how long the settle
 * path's events waited from queue to commit ({@code serveline.settle.delay}'s histogram). Taken at the campaign's
 * start and end; the difference is reported.
 */
final class BenchCounters {

    private static final List<String> STATUS = List.of("Questions", "Innodb_data_fsyncs");

    /** The server's CPU per attempt in ms: the whole JVM less the bench's threads, and its parts. */
    record ServerCpu(double jvm, double javaThreads, double gc, double jit, double rest) {
    }

    /**
     * Queue-to-commit of the settle path's events in the span: how many, and the upper bounds of the histogram
     * buckets holding their p50, p99 and max, in ms ({@code NaN} above the histogram's 30 s).
     */
    record SettleDelay(long events, double p50, double p99, double max) {
    }

    private final JdbcClient jdbc;
    private final Supplier<Duration> simulatorCpu;
    private final Timer settleDelay;
    private CpuSampler sampler;
    private CpuSampler.Split split;
    private Map<String, Long> statusAtStart;
    private Map<String, Long> statusAtEnd;
    private long simulatorAtStart;
    private long simulatorAtEnd;
    private long mariadbAtStart;
    private long mariadbAtEnd;
    private CountAtBucket[] delayAtStart;
    private long delayCountAtStart;
    private SettleDelay delay;

    /** {@code simulatorCpu}: the CPU time so far of the simulator's own process. */
    BenchCounters(JdbcClient jdbc, Supplier<Duration> simulatorCpu, Timer settleDelay) {
        this.jdbc = jdbc;
        this.simulatorCpu = simulatorCpu;
        this.settleDelay = settleDelay;
    }

    void start() {
        statusAtStart = status();
        simulatorAtStart = simulatorCpu.get().toNanos();
        mariadbAtStart = mariadbCpu();
        delayAtStart = settleDelay.takeSnapshot().histogramCounts();
        delayCountAtStart = settleDelay.count();
        sampler = CpuSampler.start(Duration.ofMillis(100));
        String generalLog = System.getProperty("serveline.bench.general-log");
        if (generalLog != null) { // every statement MariaDB receives, to see where the round trips go
            jdbc.sql("SET GLOBAL general_log_file = :file").param("file", generalLog).update();
            jdbc.sql("SET GLOBAL general_log = ON").update();
        }
    }

    /** Takes the end snapshot (once); returns two lines: CPU seconds per part, MariaDB's statements per attempt. */
    List<String> stop(long attempts) {
        split = sampler.stop();
        simulatorAtEnd = simulatorCpu.get().toNanos();
        mariadbAtEnd = mariadbCpu();
        statusAtEnd = status();
        delay = delay(settleDelay.takeSnapshot().histogramCounts(), settleDelay.count());
        Map<String, Long> parts = new TreeMap<>(split.javaByPart());
        parts.put("server GC threads", split.gc());
        parts.put("server JIT compiler threads", split.jit());
        parts.put("server JVM rest (VM thread, short-lived threads)", split.rest());
        parts.put("bench", split.bench());
        parts.put("simulator (own JVM)", simulatorAtEnd - simulatorAtStart);
        parts.put("mariadbd (child)", mariadbAtEnd - mariadbAtStart);
        String cpuLine = parts.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %.2f s", e.getKey(), e.getValue() / 1e9))
                .collect(Collectors.joining(", "));
        String statusLine = statusAtEnd.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), (e.getValue() - statusAtStart.getOrDefault(e.getKey(), 0L))
                        / (double) Math.max(1, attempts)))
                .filter(e -> e.getValue() >= 0.05)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
        return List.of("CPU by part during the campaign: " + cpuLine, "MariaDB per attempt: " + statusLine);
    }

    /** MariaDB's statements ({@code Questions}, the bench's own few sampling queries included) per attempt. */
    double statementsPerAttempt(long attempts) {
        return (statusAtEnd.get("Questions") - statusAtStart.get("Questions")) / (double) Math.max(1, attempts);
    }

    ServerCpu serverCpuMsPerAttempt(long attempts) {
        double n = Math.max(1, attempts) * 1e6;
        return new ServerCpu(split.server() / n, split.javaThreads() / n, split.gc() / n, split.jit() / n,
                split.rest() / n);
    }

    double simulatorCpuMsPerAttempt(long attempts) {
        return (simulatorAtEnd - simulatorAtStart) / 1e6 / Math.max(1, attempts);
    }

    double mariadbCpuMsPerAttempt(long attempts) {
        return (mariadbAtEnd - mariadbAtStart) / 1e6 / Math.max(1, attempts);
    }

    SettleDelay settleDelay() {
        return delay;
    }

    private SettleDelay delay(CountAtBucket[] atEnd, long countAtEnd) {
        long events = countAtEnd - delayCountAtStart;
        Map<Double, Double> within = new TreeMap<>(); // bucket bound (ms) -> events at or below it, in the span
        for (int i = 0; i < atEnd.length; i++) {
            double before = i < delayAtStart.length ? delayAtStart[i].count() : 0;
            within.put(atEnd[i].bucket(java.util.concurrent.TimeUnit.MILLISECONDS), atEnd[i].count() - before);
        }
        return new SettleDelay(events, bound(within, 0.50 * events), bound(within, 0.99 * events), bound(within, events));
    }

    /** The smallest bucket bound with at least {@code rank} events at or below it. */
    static double bound(Map<Double, Double> within, double rank) {
        for (var e : within.entrySet()) {
            if (e.getValue() >= rank - 1e-9) {
                return e.getKey();
            }
        }
        return Double.NaN;
    }

    /** The embedded MariaDB is this JVM's child; other helpers' databases on the machine are not counted. */
    private static long mariadbCpu() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("mariadbd") || c.endsWith("mysqld")).orElse(false))
                .map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO).toNanos()).reduce(0L, Long::sum);
    }

    private Map<String, Long> status() {
        Map<String, Long> values = new LinkedHashMap<>();
        jdbc.sql("SHOW GLOBAL STATUS WHERE Variable_name IN (:names) OR Variable_name LIKE 'Com\\_%'")
                .param("names", STATUS).query(rs -> {
            values.put(rs.getString(1), rs.getLong(2));
        });
        return values;
    }
}
