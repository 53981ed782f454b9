package org.serveline.server.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;

/**
 * Not a test: {@link ClusterFailover} at bench size. Run by {@code bench/cluster [--calls N] [--rate R]
 * [--time-scale T] [--reconcile-after S] [--seconds S] [--spread-writes]} (the last: node B writes to member 2 until
 * member 1 dies — the deployment ADR 0013 advises against, to count its certification conflicts). Last line: {@code lost=… duplicated=… cps_best_10s=…
 * cps_before_faults=… writes_resumed_s=… reconciled_s=… cert_failures=… bf_aborts=… retries=…}.
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
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (use --calls N "
                        + "--rate R --time-scale T --reconcile-after S --seconds S)");
            }
        }
        if (args.length % 2 != 0 || calls < 8 || rate <= 0 || timeScale <= 0 || reconcileAfter < 1 || seconds < 30) {
            throw new IllegalArgumentException("need --calls >= 8, --rate > 0, --time-scale > 0, "
                    + "--reconcile-after >= 1, --seconds >= 30, each with a value");
        }
        Path work = Files.createTempDirectory("bench-cluster");
        ClusterFailover.Result r = new ClusterFailover(new ClusterFailover.Options(calls, rate, timeScale,
                Duration.ofSeconds(reconcileAfter), Duration.ofSeconds(seconds), "WARN", spread),
                line -> System.out.println("[bench " + LocalTime.now().withNano(0) + "] " + line))
                .run(work, System.getProperty("java.class.path"));
        System.out.println("[bench] tasks=" + r.tasks() + " attempts=" + r.attempts() + " outcomes=" + r.outcomes()
                + " by node=" + r.attemptsByNode() + " pbx_calls=" + r.pbxCalls() + " still_live_on_pbx="
                + r.liveOnPbx() + " unsettled=" + r.unsettled() + " tasks_left=" + r.tasksLeft());
        System.out.printf("[bench] trunk rate %.1f/s: sustained (first to last attempt, faults included) %.2f/s, "
                + "before the faults %.2f/s, best 10 s window %.2f/s%n", rate, r.sustainedRate(),
                r.rateBeforeFaults(), r.best10sRate());
        System.out.printf("[bench] member 1 killed at t=%.1fs; first attempt after it %.1f s later; node-b killed at "
                + "t=%.1fs with %d attempt(s) in flight; settled by node-a %.1f s after (%d by reconciliation)%n",
                r.memberKilledAt(), r.writesResumedAfter(), r.nodeKilledAt(), r.leftByDeadNode(), r.reconciledAfter(),
                r.settledByReconcile());
        System.out.println("[bench] Galera conflict counters (all members, member 1 read just before its death): "
                + r.conflicts() + "; transactions run again: " + r.retries() + ", given up: " + r.givenUp()
                + ", connection errors logged by the nodes: " + r.connectionErrors());
        System.out.println("[bench] duplicates: " + r.duplicates() + "; logs in " + work);
        System.out.println(r.summary());
        System.exit(r.finished() ? 0 : 1);
    }
}
