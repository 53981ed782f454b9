package org.serveline.server.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The phase of {@link ClusterFailover} with both nodes and all three members up, before any fault: the calls each
 * node placed in it (so the calls-per-second budget is measured across nodes over a window long enough to mean
 * something), and what each call cost there — the nodes' CPU, the statements the nodes sent to the write member (its
 * {@code USER_STATISTICS}, the harness's own queries left out), the write member's and the standbys' CPU.
 * Snapshots are taken at the phase's start and end; the figures are their differences.
 */
final class TwoNodePhase {

    private TwoNodePhase() {
    }

    /** What the counters read at one moment. */
    record Snapshot(Instant at, long nanos, Duration nodeA, Duration nodeB, List<Duration> members,
            GaleraCluster.UserStatistics writeMember, String load) {
    }

    /** The phase's figures: calls per second per node and together, and per-call costs (ms, statements). */
    record Figures(double seconds, Map<String, Integer> callsByNode, int calls, double statementsPerCall,
            double nodeCpuMsPerCall, double writeMemberCpuMsPerCall, double writeMemberClientCpuMsPerCall,
            double standbyCpuMsPerCall, String loadAtStart, String loadAtEnd) {

        static final Figures NONE = new Figures(0, Map.of(), 0, 0, 0, 0, 0, 0, "-", "-");

        double rate() {
            return seconds <= 0 ? 0 : calls / seconds;
        }

        double rateOf(String node) {
            return seconds <= 0 ? 0 : callsByNode.getOrDefault(node, 0) / seconds;
        }

        String summary() {
            return String.format(Locale.ROOT, "cps_two_nodes=%.2f cps_node_a=%.2f cps_node_b=%.2f", rate(),
                    rateOf("node-a"), rateOf("node-b"));
        }

        String costs() {
            return String.format(Locale.ROOT, "statements_per_call=%.1f node_cpu_ms_per_call=%.2f "
                    + "write_member_cpu_ms_per_call=%.2f (its client threads %.2f) standby_cpu_ms_per_call=%.2f",
                    statementsPerCall, nodeCpuMsPerCall, writeMemberCpuMsPerCall, writeMemberClientCpuMsPerCall,
                    standbyCpuMsPerCall);
        }
    }

    static Snapshot take(GaleraCluster cluster, NodeProcess a, NodeProcess b) {
        List<Duration> members = new ArrayList<>();
        for (int n = 1; n <= cluster.members(); n++) {
            members.add(cluster.memberCpu(n));
        }
        return new Snapshot(Instant.now(), System.nanoTime(), a.cpu(), b.cpu(), members,
                cluster.userStatistics(1).orElse(new GaleraCluster.UserStatistics(0, 0)), loadAverage());
    }

    static Figures between(Snapshot start, Snapshot end, JdbcClient jdbc, long campaign) {
        Map<String, Integer> byNode = new LinkedHashMap<>();
        jdbc.sql("SELECT node, COUNT(*) FROM call_attempt WHERE campaign_id = :c AND created_at >= :from "
                        + "AND created_at < :until GROUP BY node ORDER BY node")
                .param("c", campaign).param("from", Timestamp.from(start.at())).param("until", Timestamp.from(end.at()))
                .query((rs, i) -> byNode.put(rs.getString(1), rs.getInt(2))).list();
        int calls = byNode.values().stream().mapToInt(Integer::intValue).sum();
        double n = Math.max(1, calls);
        double nodes = end.nodeA().minus(start.nodeA()).plus(end.nodeB().minus(start.nodeB())).toNanos() / 1e6;
        double write = end.members().getFirst().minus(start.members().getFirst()).toNanos() / 1e6;
        double standbys = 0;
        for (int m = 1; m < start.members().size(); m++) {
            standbys += end.members().get(m).minus(start.members().get(m)).toNanos() / 1e6;
        }
        return new Figures((end.nanos() - start.nanos()) / 1e9, byNode, calls,
                (end.writeMember().statements() - start.writeMember().statements()) / n, nodes / n, write / n,
                (end.writeMember().cpuSeconds() - start.writeMember().cpuSeconds()) * 1000 / n,
                standbys / Math.max(1, start.members().size() - 1) / n, start.load(), end.load());
    }

    /** The 1, 5 and 15 minute load averages, as /proc/loadavg gives them. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
