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

    /** What the counters read at one moment; {@code write} is the member the nodes write to (1-based). */
    record Snapshot(Instant at, long nanos, Duration nodeA, Duration nodeB, List<Duration> members, int write,
            GaleraCluster.UserStatistics writeMember, String load) {
    }

    /**
     * What a node costs with a campaign running and nothing left to dial, per second: every dialer tick still reads
     * the live calls, reserves from the campaign's and the trunk's buckets and gives the tokens back (a write to the
     * shared rows, replicated to every member), and claims nothing. Measured on node A alone after the campaign.
     */
    record Polling(double seconds, double statementsPerSecond, double nodeCpuMsPerSecond,
            double writeMemberCpuMsPerSecond, double standbyCpuMsPerSecond) {

        static final Polling NONE = new Polling(0, 0, 0, 0, 0);

        static Polling between(Snapshot start, Snapshot end) {
            double s = Math.max(1e-9, (end.nanos() - start.nanos()) / 1e9);
            int w = start.write() - 1;
            double standbys = 0;
            int n = 0;
            for (int m = 0; m < start.members().size(); m++) {
                if (m != w && !start.members().get(m).isZero()) {
                    standbys += end.members().get(m).minus(start.members().get(m)).toNanos() / 1e6;
                    n++;
                }
            }
            return new Polling(s, (end.writeMember().statements() - start.writeMember().statements()) / s,
                    end.nodeA().minus(start.nodeA()).toNanos() / 1e6 / s,
                    end.members().get(w).minus(start.members().get(w)).toNanos() / 1e6 / s,
                    standbys / Math.max(1, n) / s);
        }

        String summary() {
            return String.format(Locale.ROOT, "one node polling an idle campaign for %.1f s, per second: "
                    + "statements=%.1f node_cpu_ms=%.1f write_member_cpu_ms=%.1f standby_cpu_ms=%.1f", seconds,
                    statementsPerSecond, nodeCpuMsPerSecond, writeMemberCpuMsPerSecond, standbyCpuMsPerSecond);
        }
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

        /** The per-call costs less what two nodes' dialers spend polling in that time (see {@link Polling}). */
        String costsAbove(Polling polling) {
            if (polling.seconds() <= 0 || calls == 0) {
                return "(no polling measured)";
            }
            double polls = 2 * seconds / calls; // node-seconds of polling per call
            return String.format(Locale.ROOT, "above two nodes' polling: statements_per_call=%.1f "
                    + "node_cpu_ms_per_call=%.2f write_member_cpu_ms_per_call=%.2f standby_cpu_ms_per_call=%.2f",
                    statementsPerCall - polls * polling.statementsPerSecond(),
                    nodeCpuMsPerCall - polls * polling.nodeCpuMsPerSecond(),
                    writeMemberCpuMsPerCall - polls * polling.writeMemberCpuMsPerSecond(),
                    standbyCpuMsPerCall - polls * polling.standbyCpuMsPerSecond());
        }
    }

    /** A snapshot with member {@code write} as the write member; {@code b} may be null (dead). */
    static Snapshot take(GaleraCluster cluster, int write, NodeProcess a, NodeProcess b) {
        List<Duration> members = new ArrayList<>();
        for (int n = 1; n <= cluster.members(); n++) {
            members.add(cluster.memberCpu(n));
        }
        return new Snapshot(Instant.now(), System.nanoTime(), a.cpu(), b == null ? Duration.ZERO : b.cpu(), members,
                write, cluster.userStatistics(write).orElse(new GaleraCluster.UserStatistics(0, 0)), loadAverage());
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
