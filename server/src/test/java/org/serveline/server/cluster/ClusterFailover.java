package org.serveline.server.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.function.Consumer;
import org.serveline.pbxsim.PbxSimulator;
import org.serveline.pbxsim.SimulatorConfig;
import org.serveline.pbxsim.party.PartyBehaviour;
import org.serveline.server.faults.AttemptLedger;
import org.serveline.server.faults.PhoneCampaign;
import org.serveline.server.faults.ServerNode;
import org.serveline.server.testsupport.TaskFixtures;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The scenario of the cluster test and of {@code bench/cluster}: a 3-member Galera cluster, the PBX simulator in
 * this JVM, two Serveline nodes in JVMs of their own, all on loopback. One campaign of N consenting parties runs;
 * first both nodes dial with all members up for {@link Options#twoNodes()} (the budget across nodes and the per-call
 * costs are measured there: {@link TwoNodePhase}); then the member both nodes write to (the first of the multi-host
 * URL) is killed (with {@code spreadWrites}, node B's URL starts at member 2, so the nodes write to two members
 * until then), and once dialling has resumed, an eighth of the calls more are dialled and B has calls in flight,
 * node B is killed (both SIGKILL). Node A must finish the campaign and settle B's calls.
 */
public final class ClusterFailover {

    /**
     * What to run: calls (tasks), the trunk's calls per second, the campaign's (0: the campaign's default, above the
     * trunk's), the simulator's time scale, the dialer's reconcile-after, how long both nodes dial before any fault,
     * a bound on the campaign; with {@code spreadWrites} node B writes to member 2 until member 1 dies.
     */
    public record Options(int calls, double rate, double campaignRate, double timeScale, Duration reconcileAfter,
            Duration twoNodes, Duration limit, String rootLogLevel, boolean spreadWrites) {

        /** The calls per second the campaign may reach: the lower of the trunk's and the campaign's budgets. */
        public double budget() {
            return campaignRate > 0 ? Math.min(rate, campaignRate) : rate;
        }
    }

    /** What happened; see {@link #summary()}. */
    public record Result(int tasks, int attempts, Map<String, Integer> outcomes, int unsettled, int tasksLeft,
            Set<String> duplicates, int overlappingAttempts, int maxAttemptsOfOneTask, long pbxCalls, long liveOnPbx,
            Map<String, Integer> attemptsByNode, double sustainedRate, double best10sRate,
            TwoNodePhase.Figures twoNodes, TwoNodePhase.Polling polling, double memberKilledAt, double writesResumedAfter, double nodeKilledAt,
            int leftByDeadNode, double reconciledAfter, int settledByReconcile, Map<String, Long> conflicts,
            long retries, long givenUp, long connectionErrors, double seconds, boolean finished) {

        /** Attempts never settled and not live on the PBX. */
        public int lost() {
            return finished ? unsettled : unsettled + tasksLeft;
        }

        public String summary() {
            return String.format(java.util.Locale.ROOT, "lost=%d duplicated=%d %s cps_best_10s=%.2f "
                            + "writes_resumed_s=%.1f reconciled_s=%.1f cert_failures=%d bf_aborts=%d retries=%d",
                    lost(), duplicates.size() + overlappingAttempts, twoNodes.summary(), best10sRate,
                    writesResumedAfter, reconciledAfter, conflicts.getOrDefault("wsrep_local_cert_failures", 0L),
                    conflicts.getOrDefault("wsrep_local_bf_aborts", 0L), retries);
        }
    }

    /** The first seconds after the first attempt are left out of the two-node phase: the buckets start full. */
    private static final Duration WARM_UP = Duration.ofSeconds(2);

    /** How long node A's dialer is measured polling the finished (still running) campaign. */
    private static final Duration POLLING = Duration.ofSeconds(5);

    private final Options options;
    private final Consumer<String> log;

    public ClusterFailover(Options options, Consumer<String> log) {
        this.options = options;
        this.log = log;
    }

    public Result run(Path work, String classPath) throws Exception {
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        Duration ttl = options.limit().plusMinutes(5);
        long t0 = System.nanoTime();
        log.accept("starting a 3-member Galera cluster (scripts/galera.sh)");
        try (GaleraCluster cluster = GaleraCluster.start(work.resolve("galera"), ttl);
                PbxSimulator simulator = new PbxSimulator(SimulatorConfig.builder().timeScale(options.timeScale())
                        .spoolDir(Files.createDirectories(work.resolve("spool")))
                        .defaultParty(PartyBehaviour.consent())
                        .amiChannelVars(List.of("SERVELINE_ATTEMPT_ID", "SERVELINE_TASK_ID")).build())) {
            simulator.start();
            log.accept(String.format("cluster up in %.1f s: %s", seconds(t0), cluster.jdbcUrl()));
            NodeProcess a = NodeProcess.start("node-a", cluster, cluster.jdbcUrl(), nodeProperties(simulator, "node-a"),
                    work.resolve("node-a.log"), ttl, classPath);
            try (a) {
                a.awaitUp(Duration.ofMinutes(3));
                log.accept(String.format("node-a up (Flyway migrated the cluster) at %.1f s", seconds(t0)));
                NodeProcess b = NodeProcess.start("node-b", cluster,
                        options.spreadWrites() ? cluster.jdbcUrlWritingTo(2) : cluster.jdbcUrl(), nodeProperties(simulator, "node-b"),
                        work.resolve("node-b.log"), ttl, classPath);
                try (b) {
                    TaskFixtures fixtures = new TaskFixtures(a.port());
                    List<Long> tasks = ClusterTasks.create(fixtures, cluster.jdbc(), options.calls());
                    b.awaitUp(Duration.ofMinutes(3));
                    log.accept(String.format("node-b up, %d approved tasks, at %.1f s", tasks.size(), seconds(t0)));
                    return campaign(cluster, simulator, fixtures, tasks, a, b);
                }
            }
        }
    }

    private Map<String, String> nodeProperties(PbxSimulator simulator, String node) {
        Map<String, String> p = new LinkedHashMap<>(PhoneCampaign.quickDialer(
                ServerNode.dialling(simulator, "unused", node, Math.max(100, options.calls()), options.rate())));
        p.remove("serveline.embedded-db.schema");
        p.put("serveline.dialer.reconcile-after", options.reconcileAfter().toString());
        p.put("serveline.dialer.reconcile-interval", "PT1S");
        p.put("logging.level.root", options.rootLogLevel());
        p.put("logging.level.org.serveline.server.database", "WARN");
        return p;
    }

    private Result campaign(GaleraCluster cluster, PbxSimulator simulator, TaskFixtures fixtures, List<Long> tasks,
            NodeProcess a, NodeProcess b) throws InterruptedException {
        JdbcClient jdbc = cluster.jdbc();
        long campaign = ClusterTasks.startCampaign(fixtures, "cluster-" + System.nanoTime(), options.campaignRate(),
                Math.max(200, options.calls()));
        AttemptLedger ledger = new AttemptLedger(jdbc, campaign);
        long start = System.nanoTime();
        long deadline = start + options.limit().toNanos();
        Map<String, Long> member1Conflicts = Map.of();
        long firstSeen = 0;
        TwoNodePhase.Snapshot phaseStart = null;
        TwoNodePhase.Snapshot phaseEnd = null;
        Instant memberKilled = null;
        int attemptsAtMemberKill = 0;
        double memberKilledAt = -1;
        double nodeKilledAt = -1;
        double reconciledAfter = -1;
        List<String> leftByB = List.of();
        long nodeKilled = 0;
        boolean finished = false;
        long nextLog = 0;
        while (System.nanoTime() < deadline) {
            Thread.sleep(250); // a sampling period, not a wait for a condition
            sample(ledger, simulator);
            int attempts;
            try {
                attempts = ledger.attempts();
            } catch (DataAccessException duringFailover) {
                continue;
            }
            if (firstSeen == 0 && attempts > 0) {
                firstSeen = System.nanoTime();
            }
            if (phaseStart == null && firstSeen > 0 && System.nanoTime() - firstSeen >= WARM_UP.toNanos()) {
                phaseStart = TwoNodePhase.take(cluster, 1, a, b);
                log.accept(String.format("t=%.1fs two-node phase starts (%d s), attempts=%d, load average %s",
                        seconds(start), options.twoNodes().toSeconds(), attempts, phaseStart.load()));
            } else if (phaseStart != null && memberKilled == null
                    && System.nanoTime() - phaseStart.nanos() >= options.twoNodes().toNanos()) {
                phaseEnd = TwoNodePhase.take(cluster, 1, a, b);
                member1Conflicts = cluster.conflictCounters(1);
                memberKilled = Instant.now();
                cluster.kill(1);
                attemptsAtMemberKill = attempts;
                memberKilledAt = seconds(start);
                log.accept(String.format("t=%.1fs two-node phase over (load average %s); killed Galera member 1 "
                        + "(the one both nodes write to), attempts=%d", memberKilledAt, phaseEnd.load(), attempts));
            } else if (memberKilled != null && nodeKilledAt < 0
                    && attempts >= attemptsAtMemberKill + Math.max(2, options.calls() / 8)
                    && firstAttemptAfter(jdbc, campaign, memberKilled) != null
                    && !(leftByB = liveOf(jdbc, campaign, "node-b")).isEmpty()) {
                b.kill();
                nodeKilled = System.nanoTime();
                nodeKilledAt = seconds(start);
                // what B committed between the look and the kill is B's too
                leftByB = jdbc.sql("SELECT id FROM call_attempt WHERE campaign_id = :c AND node = 'node-b' "
                        + "AND (state <> 'ENDED' OR id IN (:ids))").param("c", campaign)
                        .param("ids", leftByB).query(String.class).list();
                log.accept(String.format("t=%.1fs killed node-b (SIGKILL) with %d attempt(s) in flight, attempts=%d",
                        nodeKilledAt, leftByB.size(), attempts));
            }
            try {
                if (nodeKilledAt >= 0 && reconciledAfter < 0 && unsettledOf(jdbc, leftByB) == 0) {
                    reconciledAfter = (System.nanoTime() - nodeKilled) / 1e9;
                    log.accept(String.format("t=%.1fs node-a has settled node-b's %d attempt(s), %.1f s after the "
                            + "kill", seconds(start), leftByB.size(), reconciledAfter));
                }
                if (nodeKilledAt >= 0 && reconciledAfter >= 0 && ledger.unsettled() == 0
                        && ledger.tasksStillOnThePhone(tasks) == 0 && simulator.counters().callsActive() == 0) {
                    finished = true;
                    break;
                }
            } catch (DataAccessException duringFailover) {
                continue;
            }
            if (System.nanoTime() >= nextLog) {
                log.accept(String.format("t=%5.1fs live=%4d attempts=%5d unsettled=%4d", seconds(start),
                        simulator.counters().callsActive(), attempts, ledger.unsettled()));
                nextLog = System.nanoTime() + 5_000_000_000L;
            }
        }
        double seconds = seconds(start);
        TwoNodePhase.Polling polling = TwoNodePhase.Polling.NONE;
        if (finished) { // the campaign still runs with nothing to dial: what node A's dialer costs by itself
            TwoNodePhase.Snapshot from = TwoNodePhase.take(cluster, 2, a, null);
            Thread.sleep(POLLING.toMillis()); // a measuring window, not a wait for a condition
            polling = TwoNodePhase.Polling.between(from, TwoNodePhase.take(cluster, 2, a, null));
            log.accept(polling.summary());
        }
        fixtures.supervisor.post("/api/v1/campaigns/" + campaign + "/stop", "{}");
        log.accept(finished ? String.format("campaign finished in %.1f s", seconds)
                : String.format("time is up after %.1f s", seconds));
        sample(ledger, simulator);

        Map<String, Long> conflicts = new HashMap<>(member1Conflicts);
        for (int n = 2; n <= cluster.members(); n++) {
            cluster.conflictCounters(n).forEach((k, v) -> conflicts.merge(k, v, Long::sum));
        }
        Instant resumed = memberKilled == null ? null : firstAttemptAfter(jdbc, campaign, memberKilled);
        List<Long> dialledAt = jdbc.sql("SELECT TIMESTAMPDIFF(MICROSECOND, '2000-01-01', created_at) FROM call_attempt "
                + "WHERE campaign_id = :c ORDER BY created_at").param("c", campaign).query(Long.class).list();
        TwoNodePhase.Figures twoNodes = phaseEnd == null ? TwoNodePhase.Figures.NONE
                : TwoNodePhase.between(phaseStart, phaseEnd, jdbc, campaign);
        // created→ended intervals of one task's attempts that overlap: a second call while the first was live, however
        // short (the 250 ms sampling above can miss it)
        int overlapping = jdbc.sql("SELECT COUNT(*) FROM call_attempt x JOIN call_attempt y ON y.task_id = x.task_id "
                + "AND y.id > x.id WHERE x.campaign_id = :c AND y.campaign_id = :c "
                + "AND x.created_at < COALESCE(y.ended_at, NOW(6)) AND y.created_at < COALESCE(x.ended_at, NOW(6))")
                .param("c", campaign).query(Integer.class).single();
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        jdbc.sql("SELECT COALESCE(outcome, state) AS k, COUNT(*) AS n FROM call_attempt WHERE campaign_id = :c "
                + "GROUP BY 1 ORDER BY 1").param("c", campaign).query((rs, i) -> outcomes.put(rs.getString(1),
                rs.getInt(2))).list();
        Map<String, Integer> byNode = new LinkedHashMap<>();
        jdbc.sql("SELECT node, COUNT(*) FROM call_attempt WHERE campaign_id = :c GROUP BY node ORDER BY node")
                .param("c", campaign).query((rs, i) -> byNode.put(rs.getString(1), rs.getInt(2))).list();
        int settledByReconcile = leftByB.isEmpty() ? 0 : jdbc.sql("SELECT COUNT(*) FROM call_attempt WHERE id IN (:ids) "
                + "AND state = 'ENDED' AND settled_by = 'reconcile'").param("ids", leftByB).query(Integer.class).single();
        long pbxWithoutRow = Math.max(0, simulator.counters().callsStarted() - ledger.attempts());
        Set<String> duplicates = new java.util.TreeSet<>(ledger.duplicatesSeen());
        if (pbxWithoutRow > 0) {
            duplicates.add("pbx calls without an attempt row: " + pbxWithoutRow);
        }
        if (ledger.maxAttemptsOfOneTask() > PhoneCampaign.MAX_ATTEMPTS_PER_TASK) {
            duplicates.add("a task with " + ledger.maxAttemptsOfOneTask() + " attempts");
        }
        return new Result(tasks.size(), ledger.attempts(), outcomes, ledger.unsettled(),
                ledger.tasksStillOnThePhone(tasks), duplicates, overlapping, ledger.maxAttemptsOfOneTask(),
                simulator.counters().callsStarted(), simulator.counters().callsActive(), byNode,
                AttemptRates.sustained(dialledAt), AttemptRates.busiest(dialledAt, 10_000_000L), twoNodes, polling,
                memberKilledAt,
                resumed == null ? -1 : Duration.between(memberKilled, resumed).toMillis() / 1000.0, nodeKilledAt,
                leftByB.size(), reconciledAfter, settledByReconcile, conflicts,
                a.logLines("running it again") + b.logLines("running it again"),
                a.logLines("giving up") + b.logLines("giving up"),
                a.logLines("SQLTransientConnection") + b.logLines("SQLTransientConnection")
                        + a.logLines("SQLNonTransientConnection") + b.logLines("SQLNonTransientConnection"),
                seconds, finished);
    }

    private static void sample(AttemptLedger ledger, PbxSimulator simulator) {
        try {
            ledger.sample(simulator);
        } catch (DataAccessException duringFailover) {
            // the harness's own connection fails over like the nodes' do; the next sample goes on
        }
    }

    private static Instant firstAttemptAfter(JdbcClient jdbc, long campaign, Instant at) {
        return jdbc.sql("SELECT MIN(created_at) FROM call_attempt WHERE campaign_id = :c AND created_at > :t")
                .param("c", campaign).param("t", Timestamp.from(at)).query(Timestamp.class).optional()
                .map(Timestamp::toInstant).orElse(null);
    }

    private static List<String> liveOf(JdbcClient jdbc, long campaign, String node) {
        return jdbc.sql("SELECT id FROM call_attempt WHERE campaign_id = :c AND node = :n AND state <> 'ENDED'")
                .param("c", campaign).param("n", node).query(String.class).list();
    }

    private static int unsettledOf(JdbcClient jdbc, List<String> ids) {
        return ids.isEmpty() ? 0 : jdbc.sql("SELECT COUNT(*) FROM call_attempt WHERE id IN (:ids) AND state <> 'ENDED'")
                .param("ids", ids).query(Integer.class).single();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

}
