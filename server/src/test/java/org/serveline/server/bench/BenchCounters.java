package org.serveline.server.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
 * Where the work of a bench run went: CPU seconds per part of the JVM (platform threads grouped by name; the
 * server's virtual threads run on the ForkJoinPool carriers) and of the MariaDB server process, and MariaDB's
 * statement counters. Snapshots are taken at the campaign's start and end; the difference is reported.
 */
final class BenchCounters {

    private static final List<String> STATUS = List.of("Questions", "Innodb_data_fsyncs");

    private final JdbcClient jdbc;
    private final Supplier<Duration> simulatorCpu;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private Map<String, Long> cpuAtStart;
    private Map<String, Long> statusAtStart;
    private long[] serverCpuAtStart;
    private Map<String, Long> statusAtEnd;
    private long[] serverCpuAtEnd;

    /** {@code simulatorCpu}: the CPU time so far of the simulator's own process. */
    BenchCounters(JdbcClient jdbc, Supplier<Duration> simulatorCpu) {
        this.jdbc = jdbc;
        this.simulatorCpu = simulatorCpu;
    }

    void start() {
        cpuAtStart = cpuNanos();
        statusAtStart = status();
        serverCpuAtStart = serverCpu();
        String generalLog = System.getProperty("serveline.bench.general-log");
        if (generalLog != null) { // every statement MariaDB receives, to see where the round trips go
            jdbc.sql("SET GLOBAL general_log_file = :file").param("file", generalLog).update();
            jdbc.sql("SET GLOBAL general_log = ON").update();
        }
    }

    /** Two lines: CPU seconds per part, and MariaDB's statements (and fsyncs) per attempt, most frequent first. */
    List<String> report(long attempts) {
        Map<String, Long> cpu = cpuNanos();
        Map<String, Long> status = status();
        statusAtEnd = status;
        serverCpuAtEnd = serverCpu();
        String cpuLine = cpu.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %.1f s", e.getKey(),
                        (e.getValue() - cpuAtStart.getOrDefault(e.getKey(), 0L)) / 1e9))
                .collect(Collectors.joining(", "));
        String statusLine = status.entrySet().stream()
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

    /**
     * The server's CPU per attempt, {@code [threads, jvm]}: the CPU time of this JVM's Java threads (the server's
     * virtual threads' carriers included) less the bench's own threads ({@code main}, {@code bench-*}); and this
     * JVM's whole process CPU time less the same threads, i.e. with the collector's and the JIT compiler's threads.
     * The simulator runs in a JVM of its own, so all of it is the server's.
     */
    double[] serverCpuMsPerAttempt(long attempts) {
        double n = Math.max(1, attempts);
        return new double[] {(serverCpuAtEnd[0] - serverCpuAtStart[0]) / 1e6 / n,
                (serverCpuAtEnd[1] - serverCpuAtStart[1]) / 1e6 / n};
    }

    /** {@code [threads, process]} CPU nanoseconds, less the bench's threads. */
    private long[] serverCpu() {
        long process = processCpu();
        long server = 0;
        long notServer = 0;
        for (long id : threads.getAllThreadIds()) {
            var info = threads.getThreadInfo(id);
            long nanos = threads.getThreadCpuTime(id);
            if (info == null || nanos <= 0) {
                continue;
            }
            if (isBench(info.getThreadName())) {
                notServer += nanos;
            } else {
                server += nanos;
            }
        }
        return new long[] {server, process - notServer};
    }

    private static boolean isBench(String thread) {
        return thread.equals("main") || thread.startsWith("bench-");
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private Map<String, Long> cpuNanos() {
        Map<String, Long> byPart = new TreeMap<>();
        long threadsTotal = 0;
        for (long id : threads.getAllThreadIds()) {
            var info = threads.getThreadInfo(id);
            long nanos = threads.getThreadCpuTime(id);
            if (info != null && nanos > 0) {
                byPart.merge(part(info.getThreadName()), nanos, Long::sum);
                threadsTotal += nanos;
            }
        }
        byPart.put("server JVM outside live Java threads (GC, JIT, ended threads)", processCpu() - threadsTotal);
        byPart.put("simulator (own JVM)", simulatorCpu.get().toNanos());
        // the embedded MariaDB is this JVM's child; other helpers' databases on the machine are not counted
        byPart.put("mariadbd (child)", ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("mariadbd") || c.endsWith("mysqld")).orElse(false))
                .map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO).toNanos()).reduce(0L, Long::sum));
        return byPart;
    }

    private static String part(String thread) {
        if (thread.startsWith("ForkJoinPool")) {
            return "server virtual threads";
        }
        if (isBench(thread)) {
            return "bench";
        }
        if (thread.startsWith("Asterisk-Java")) {
            return "asterisk-java reader";
        }
        if (thread.startsWith("serveline-ami") || thread.startsWith("serveline-tracker")) {
            return "server AMI dispatch";
        }
        return "other JVM";
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
