package org.serveline.server.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;

/**
 * Not a test: {@link ClusterFailover} at bench size. Run by {@code bench/cluster [--calls N] [--rate R]
 * [--campaign-rate C] [--time-scale T] [--reconcile-after S] [--two-nodes S] [--seconds S] [--spread-writes]} (the
 * last: node B writes to member 2 until member 1 dies — the deployment ADR 0013 advises against, to count its
 * certification conflicts). Last line: {@code lost=… duplicated=… cps_two_nodes=… cps_node_a=… cps_node_b=…
 * cps_best_10s=… writes_resumed_s=… reconciled_s=… cert_failures=… bf_aborts=… retries=…}. Exits 1 if the campaign
 * did not finish, or if both nodes together dialled outside 0.9–1.1 × the budget in the two-node phase.
 */
public final class ClusterBenchmark {

    private ClusterBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int calls = 600;
        double rate = 10;
        double timeScale = 1.0;
        int reconcileAfter = 30;
        int seconds = 600;
        double campaignRate = 0;
        int twoNodes = 30;
        boolean spread = false;
        List<String> rest = new java.util.ArrayList<>(List.of(args));
        if (rest.remove("--spread-writes")) {
            spread = true;
        }
        args = rest.toArray(String[]::new);
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--calls" -> calls = Integer.parseInt(args[i + 1]);
                case "--rate" -> rate = Double.parseDouble(args[i + 1]);
                case "--time-scale" -> timeScale = Double.parseDouble(args[i + 1]);
                case "--reconcile-after" -> reconcileAfter = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--campaign-rate" -> campaignRate = Double.parseDouble(args[i + 1]);
                case "--two-nodes" -> twoNodes = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (use --calls N "
                        + "--rate R --campaign-rate C --time-scale T --reconcile-after S --two-nodes S --seconds S)");
            }
        }
        if (args.length % 2 != 0 || calls < 8 || rate <= 0 || timeScale <= 0 || reconcileAfter < 1 || seconds < 30
                || campaignRate < 0 || twoNodes < 5) {
            throw new IllegalArgumentException("need --calls >= 8, --rate > 0, --campaign-rate >= 0, --time-scale > 0, "
                    + "--reconcile-after >= 1, --two-nodes >= 5, --seconds >= 30, each with a value");
        }
        Path work = Files.createTempDirectory("bench-cluster");
        ClusterFailover.Options options = new ClusterFailover.Options(calls, rate, campaignRate, timeScale,
                Duration.ofSeconds(reconcileAfter), Duration.ofSeconds(twoNodes), Duration.ofSeconds(seconds), "WARN",
                spread);
        ClusterFailover.Result r = new ClusterFailover(options,
                line -> System.out.println("[bench " + LocalTime.now().withNano(0) + "] " + line))
                .run(work, System.getProperty("java.class.path"));
        System.out.println("[bench] tasks=" + r.tasks() + " attempts=" + r.attempts() + " outcomes=" + r.outcomes()
                + " by node=" + r.attemptsByNode() + " pbx_calls=" + r.pbxCalls() + " still_live_on_pbx="
                + r.liveOnPbx() + " unsettled=" + r.unsettled() + " tasks_left=" + r.tasksLeft());
        TwoNodePhase.Figures phase = r.twoNodes();
        System.out.printf(java.util.Locale.ROOT, "[bench] budget %.1f/s (trunk %.1f/s, campaign %s): two-node phase "
                        + "(%.1f s, no fault yet) %d calls, %.2f/s together, node-a %.2f/s, node-b %.2f/s; whole run "
                        + "(faults included) %.2f/s; busiest 10 s %.2f/s%n", options.budget(), rate,
                campaignRate > 0 ? campaignRate + "/s" : "default", phase.seconds(), phase.calls(), phase.rate(),
                phase.rateOf("node-a"), phase.rateOf("node-b"), r.sustainedRate(), r.best10sRate());
        System.out.println("[bench] per call in the two-node phase: " + phase.costs() + "; load average "
                + phase.loadAtStart() + " at its start, " + phase.loadAtEnd() + " at its end");
        System.out.println("[bench] " + r.polling().summary());
        System.out.println("[bench] per call in the two-node phase, " + phase.costsAbove(r.polling()));
        System.out.printf("[bench] member 1 killed at t=%.1fs; first attempt after it %.1f s later; node-b killed at "
                + "t=%.1fs with %d attempt(s) in flight; settled by node-a %.1f s after (%d by reconciliation)%n",
                r.memberKilledAt(), r.writesResumedAfter(), r.nodeKilledAt(), r.leftByDeadNode(), r.reconciledAfter(),
                r.settledByReconcile());
        System.out.println("[bench] Galera conflict counters (all members, member 1 read just before its death): "
                + r.conflicts() + "; transactions run again: " + r.retries() + ", given up: " + r.givenUp()
                + ", connection errors logged by the nodes: " + r.connectionErrors());
        System.out.println("[bench] duplicates: " + r.duplicates() + ", tasks with overlapping attempts (created→ended): "
                + r.overlappingAttempts() + "; logs in " + work);
        System.out.println(r.summary());
        boolean inBudget = phase.rate() >= 0.9 * options.budget() && phase.rate() <= 1.1 * options.budget();
        if (!inBudget) {
            System.out.printf(java.util.Locale.ROOT, "[bench] FAILED: both nodes dialled %.2f/s in the two-node phase, "
                    + "outside 0.9–1.1 × the budget of %.1f/s%n", phase.rate(), options.budget());
        }
        System.exit(r.finished() && inBudget ? 0 : 1);
    }
}
