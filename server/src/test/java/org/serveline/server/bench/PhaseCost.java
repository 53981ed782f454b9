package org.serveline.server.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The cost of one phase of a bench run per unit of work: CPU milliseconds of this JVM (server, SMSC and client
 * alike) and of the MariaDB server process, and the statements MariaDB received ({@code Questions}, with the most
 * frequent {@code Com_*} kinds) and the rows they wrote. Taken as the difference of two snapshots.
 */
final class PhaseCost {

    private final JdbcClient jdbc;
    private final long jvmCpu;
    private final long dbCpu;
    private final long wall;
    private final Map<String, Long> status;

    private PhaseCost(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.jvmCpu = jvmCpuNanos();
        this.dbCpu = mariadbCpuNanos();
        this.wall = System.nanoTime();
        this.status = status(jdbc);
    }

    /** A snapshot; {@code jdbc} null: a phase without a database (no statements counted). */
    static PhaseCost start(JdbcClient jdbc) {
        return new PhaseCost(jdbc);
    }

    /** One line: per unit, JVM and MariaDB CPU ms, statements, and the statement kinds (≥ 0.05 per unit). */
    String perUnit(String phase, long units) {
        long jvm = jvmCpuNanos() - jvmCpu;
        long db = mariadbCpuNanos() - dbCpu;
        double seconds = (System.nanoTime() - wall) / 1e9;
        Map<String, Long> now = status(jdbc);
        double n = Math.max(1, units);
        // the two SHOW STATUS of the snapshots count themselves: not part of the work
        double questions = Math.max(0, now.getOrDefault("Questions", 0L) - status.getOrDefault("Questions", 0L) - 1) / n;
        String kinds = now.entrySet().stream().filter(e -> e.getKey().startsWith("Com_"))
                .map(e -> Map.entry(e.getKey().substring(4), (e.getValue() - status.getOrDefault(e.getKey(), 0L)) / n))
                .filter(e -> e.getValue() >= 0.05)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
        double rows = ROWS_WRITTEN.stream().mapToLong(k -> now.getOrDefault(k, 0L) - status.getOrDefault(k, 0L)).sum() / n;
        return String.format(Locale.ROOT, "%s cost per message over %.1f s wall: jvm_cpu_ms=%.3f mariadb_cpu_ms=%.3f "
                + "sql_statements=%.2f (%s) rows_written=%.1f", phase, seconds, jvm / 1e6 / n, db / 1e6 / n, questions,
                kinds, rows);
    }

    /**
     * Rows the statements wrote, however few they were: the handler's row inserts, updates and deletes (internal
     * temporary tables count too).
     */
    private static final List<String> ROWS_WRITTEN = List.of("Handler_write", "Handler_update", "Handler_delete");

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long mariadbCpuNanos() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("mariadbd") || c.endsWith("mysqld")).orElse(false))
                .filter(p -> p.info().user().equals(ProcessHandle.current().info().user()))
                .filter(PhaseCost::mine)
                .map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO).toNanos()).reduce(0L, Long::sum);
    }

    /** The embedded MariaDB of this JVM is its child; other helpers' test databases are not. */
    private static boolean mine(ProcessHandle process) {
        return process.parent().map(p -> p.pid() == ProcessHandle.current().pid()).orElse(false)
                || ProcessHandle.current().descendants().anyMatch(d -> d.pid() == process.pid());
    }

    private static Map<String, Long> status(JdbcClient jdbc) {
        Map<String, Long> values = new LinkedHashMap<>();
        if (jdbc == null) { // a phase without a database: no statement at all
            return values;
        }
        jdbc.sql("SHOW GLOBAL STATUS WHERE Variable_name = 'Questions' OR Variable_name LIKE 'Com\\_%' "
                + "OR Variable_name IN ('Handler_write', 'Handler_update', 'Handler_delete')")
                .query(rs -> {
                    values.put(rs.getString(1), rs.getLong(2));
                });
        return values;
    }

}
