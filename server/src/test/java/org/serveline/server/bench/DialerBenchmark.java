package org.serveline.server.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.serveline.server.faults.AttemptLedger;
import org.serveline.server.faults.ServerNode;
import org.serveline.server.testsupport.ApiClient;
import org.serveline.server.testsupport.TaskFixtures;

/**
 * Not a test: the real server (embedded MariaDB, real AMI and FastAGI on loopback) runs one campaign of N approved
 * tasks against the PBX simulator in its own JVM ({@link SimulatorChild}, with the shipped AMI eventfilter), whose parties all listen to the notice and consent. Samples live
 * calls, attempts and heap; the FastAGI server's turns are timed by the simulator (the PBX's view). Last line:
 * {@code concurrent_calls=<n> attempts_per_s=<x> p99_agi_ms=<y> heap_mb=<z> lost=<n> duplicated=<n>}.
 * Run by {@code bench/dialer [--calls N] [--seconds S] [--rate R] [--time-scale T]}.
 */
public final class DialerBenchmark {

    private static final int MAX_ATTEMPTS_PER_TASK = 3;
    /** The per-call costs of (b), measured before the server closes, for the last line. */
    private static final java.util.concurrent.atomic.AtomicReference<String> LAST_COSTS =
            new java.util.concurrent.atomic.AtomicReference<>("");

    private DialerBenchmark() {
    }

    record Options(int calls, int seconds, double rate, double timeScale, int warmup) {

        static Options parse(String[] args) {
            int calls = 1000;
            int seconds = 120;
            double rate = 200;
            double timeScale = 1.0;
            int warmup = 0;
            for (int i = 0; i + 1 < args.length; i += 2) {
                switch (args[i]) {
                    case "--calls" -> calls = Integer.parseInt(args[i + 1]);
                    case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                    case "--rate" -> rate = Double.parseDouble(args[i + 1]);
                    case "--time-scale" -> timeScale = Double.parseDouble(args[i + 1]);
                    case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + " (use --calls N --seconds S --rate R --time-scale T --warmup W)");
                }
            }
            if (args.length % 2 != 0) {
                throw new IllegalArgumentException("option " + args[args.length - 1] + " has no value");
            }
            if (calls < 1 || seconds < 1 || rate <= 0 || timeScale <= 0 || timeScale > 10 || warmup < 0) {
                throw new IllegalArgumentException("need --calls >= 1, --seconds >= 1, --rate > 0, 0 < --time-scale <= 10,"
                        + " --warmup >= 0");
            }
            return new Options(calls, seconds, rate, timeScale, warmup);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Path spool = Files.createTempDirectory("bench-dialer-spool");
        // the PBX in a JVM of its own, so that this JVM's CPU is the server's; it sends the events the shipped
        // manager.conf's eventfilter lines let through, as Asterisk 22 does
        SimulatorChild simulator = SimulatorChild.start("1g", "--time-scale", Double.toString(options.timeScale()),
                "--spool", spool.toString(), "--default-party", "consent", "--event-filter", "serveline");
        Map<String, String> properties = ServerNode.dialling(simulator.amiPort(), "serveline_bench", "bench-node",
                Math.max(options.calls(), 100), options.rate());
        properties.put("serveline.dialer.tick", "PT0.05S");
        properties.put("serveline.dialer.batch", "200");
        properties.put("logging.level.root", "WARN");
        log("starting the server (calls=%d seconds=%d rate=%.0f/s time-scale=%.2f)", options.calls(),
                options.seconds(), options.rate(), options.timeScale());
        ServerNode node = ServerNode.start(properties);
        String figures;
        BareLoop.Result bare;
        try {
            try {
                figures = run(options, simulator, node);
            } finally {
                node.close();
            }
            // (a) after (b), so that the simulator's counters (lost, duplicated, AGI turns) are the server's alone
            log("the bare asterisk-java loop: %d calls at %.0f/s on the same simulator, no database", options.calls(),
                    options.rate());
            bare = BareLoop.run(simulator.amiPort(), options.calls(), options.rate(), Duration.ofSeconds(120));
        } finally {
            simulator.close();
        }
        log("bare: originated=%d ended=%d failed=%d originates/s %.1f, CPU per call %.2f ms in its Java threads, "
                + "%.2f ms of the whole JVM (GC and JIT included; the simulator is in its own JVM)", bare.originated(), bare.ended(),
                bare.failed(), bare.perSecond(), bare.cpuMsPerCall()[0], bare.cpuMsPerCall()[1]);
        double serveline = Double.parseDouble(figures.replaceAll(".*attempts_per_s=([0-9.]+).*", "$1"));
        figures += String.format(java.util.Locale.ROOT, " bare_per_s=%.1f vs_bare=%.2f", bare.perSecond(),
                bare.perSecond() > 0 ? serveline / bare.perSecond() : 0);
        figures += LAST_COSTS.get();
        System.out.println(figures);
        System.exit(0);
    }

    private static String run(Options options, SimulatorChild simulator, ServerNode node)
            throws Exception {
        TaskFixtures fixtures = new TaskFixtures(node.port());
        String document = fixtures.uploadDocument();
        if (options.warmup() > 0) {
            warmUp(options, simulator, node, fixtures, document);
        }
        SimulatorChild.Counters before = simulator.counters(); // the warm-up's calls and AGI turns
        long t0 = System.nanoTime();
        List<Long> tasks = BenchTasks.create(node, options.calls(), document);
        log("created %d approved tasks in %.1f s (1 through TaskIntake + APPROVE, the rest copied by SQL)", tasks.size(),
                seconds(t0));

        // the supervisor's requests (BCrypt on every one) are made outside the measured span, but for the start
        long campaign = createCampaign(fixtures.supervisor, options);
        BenchCounters counters = new BenchCounters(node.jdbc(), simulator::cpu);
        counters.start();
        long simulatorCpuAtStart = simulator.cpu().toNanos();
        Map<String, Long> eventsAtStart = simulator.amiEvents();
        startCampaign(fixtures.supervisor, campaign);
        AttemptLedger ledger = new AttemptLedger(node.jdbc(), campaign);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long start = System.nanoTime();
        long deadline = start + options.seconds() * 1_000_000_000L;
        long maxLive = 0;
        long maxHeap = 0;
        long nextReport = 0;
        boolean finished = false;
        while (System.nanoTime() < deadline) {
            maxLive = Math.max(maxLive, simulator.counters().active());
            maxHeap = Math.max(maxHeap, memory.getHeapMemoryUsage().getUsed());
            if (System.nanoTime() >= nextReport) {
                ledger.sample(simulator.liveAttemptsByTask());
                int attempts = ledger.attempts();
                SimulatorChild.Counters pbx = simulator.counters();
                log("t=%5.1fs live=%5d attempts=%6d unsettled=%5d heap=%4d MB agi_turns=%d", seconds(start),
                        pbx.active(), attempts, ledger.unsettled(), memory.getHeapMemoryUsage().getUsed() >> 20,
                        pbx.agiTurns() - before.agiTurns());
                if (attempts > 0 && ledger.unsettled() == 0 && ledger.tasksStillOnThePhone(tasks) == 0) {
                    finished = true;
                    break;
                }
                nextReport = System.nanoTime() + 2_000_000_000L;
            }
            Thread.sleep(200); // a sampling period, not a wait for a condition
        }
        double campaignSeconds = seconds(start);
        List<String> costs = finished ? counters.report(ledger.attempts()) : null; // before the stop request
        long simulatorCpuAtEnd = simulator.cpu().toNanos();
        fixtures.supervisor.post("/api/v1/campaigns/" + campaign + "/stop", "{}");
        log(finished ? "campaign finished in %.1f s" : "time is up after %.1f s: campaign stopped, draining", campaignSeconds);
        long drainUntil = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < drainUntil && (simulator.counters().active() > 0 || ledger.unsettled() > 0)) {
            maxHeap = Math.max(maxHeap, memory.getHeapMemoryUsage().getUsed());
            Thread.sleep(500);
        }
        ledger.sample(simulator.liveAttemptsByTask());
        (costs != null ? costs : counters.report(ledger.attempts())).forEach(line -> log("%s", line));
        if (costs == null) {
            simulatorCpuAtEnd = simulator.cpu().toNanos();
        }
        double[] cpu = counters.serverCpuMsPerAttempt(ledger.attempts());
        log("server CPU per attempt: %.2f ms in its Java threads, %.2f ms of the whole JVM (GC and JIT included), "
                + "both less the bench's threads; the simulator in its own JVM: %.2f ms", cpu[0], cpu[1],
                (simulatorCpuAtEnd - simulatorCpuAtStart) / 1e6 / Math.max(1, ledger.attempts()));
        log("AMI events per attempt (the shipped eventfilter): %s", simulator.amiEvents().entrySet().stream()
                .map(e -> e.getKey() + " " + String.format(java.util.Locale.ROOT, "%.1f",
                        (e.getValue() - eventsAtStart.getOrDefault(e.getKey(), 0L))
                                / (double) Math.max(1, ledger.attempts())))
                .collect(java.util.stream.Collectors.joining(", ")));
        LAST_COSTS.set(String.format(java.util.Locale.ROOT, " server_cpu_ms_per_call=%.2f db_statements_per_call=%.1f"
                + " server_jvm_cpu_ms_per_call=%.2f", cpu[0], counters.statementsPerAttempt(ledger.attempts()), cpu[1]));
        return report(simulator, node, ledger, campaign, maxLive, maxHeap, before);
    }

    /**
     * A campaign of W calls run to its end before the measured one, so that the measured calls find the JIT's code
     * compiled (a first campaign of 1,000 calls spends as much CPU compiling as serving). Its tasks, calls and AGI
     * turns are left out of every figure.
     */
    private static void warmUp(Options options, SimulatorChild simulator, ServerNode node, TaskFixtures fixtures,
            String document) throws Exception {
        long t0 = System.nanoTime();
        List<Long> tasks = BenchTasks.create(node, options.warmup(), document);
        long campaign = createCampaign(fixtures.supervisor, options);
        startCampaign(fixtures.supervisor, campaign);
        AttemptLedger ledger = new AttemptLedger(node.jdbc(), campaign);
        long deadline = System.nanoTime() + options.seconds() * 1_000_000_000L;
        while (System.nanoTime() < deadline && !(ledger.attempts() > 0 && ledger.unsettled() == 0
                && ledger.tasksStillOnThePhone(tasks) == 0)) {
            Thread.sleep(500); // a sampling period
        }
        fixtures.supervisor.post("/api/v1/campaigns/" + campaign + "/stop", "{}");
        long drainUntil = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < drainUntil && (simulator.counters().active() > 0 || ledger.unsettled() > 0)) {
            Thread.sleep(500);
        }
        log("warm-up: %d calls in %.1f s (%d attempts, %d unsettled), left out of the figures", tasks.size(),
                seconds(t0), ledger.attempts(), ledger.unsettled());
    }

    /** Logs the details and returns the figures line. */
    private static String report(SimulatorChild simulator, ServerNode node,
            AttemptLedger ledger, long campaign, long maxLive, long maxHeap, SimulatorChild.Counters before) {
        var jdbc = node.jdbc();
        Map<String, Object> span = jdbc.sql("SELECT COUNT(*) AS n, TIMESTAMPDIFF(MICROSECOND, MIN(created_at), "
                + "MAX(created_at)) AS us FROM call_attempt WHERE campaign_id = :c").param("c", campaign)
                .query().singleRow();
        long attempts = ((Number) span.get("n")).longValue();
        double spanSeconds = span.get("us") == null ? 0 : ((Number) span.get("us")).doubleValue() / 1e6;
        double perSecond = spanSeconds > 0 ? (attempts - 1) / spanSeconds : attempts;
        List<Long> dialledAt = jdbc.sql("SELECT TIMESTAMPDIFF(MICROSECOND, '2000-01-01', created_at) FROM call_attempt "
                + "WHERE campaign_id = :c ORDER BY created_at").param("c", campaign).query(Long.class).list();
        double window = Math.min(5.0, spanSeconds);
        double best = bestWindowRate(dialledAt, window);
        Set<String> liveOnPbx = new HashSet<>();
        simulator.liveAttemptsByTask().values().forEach(liveOnPbx::addAll);
        SimulatorChild.Counters pbx = simulator.counters();
        List<String> unsettled = jdbc.sql("SELECT id FROM call_attempt WHERE campaign_id = :c AND state <> 'ENDED'")
                .param("c", campaign).query(String.class).list();
        long lost = unsettled.stream().filter(id -> !liveOnPbx.contains(id)).count();
        long overLimit = jdbc.sql("SELECT COUNT(*) FROM (SELECT task_id FROM call_attempt WHERE campaign_id = :c "
                + "GROUP BY task_id HAVING COUNT(*) > :max) t").param("c", campaign).param("max", MAX_ATTEMPTS_PER_TASK)
                .query(Long.class).single();
        long callsWithoutRow = Math.max(0, pbx.started() - before.started() - attempts);
        long duplicated = ledger.duplicatesSeen().size() + overLimit + callsWithoutRow;
        Map<String, Object> outcomes = jdbc.sql("SELECT COALESCE(outcome, state) AS k, COUNT(*) AS n FROM call_attempt "
                + "WHERE campaign_id = :c GROUP BY COALESCE(outcome, state)").param("c", campaign)
                .query((rs, i) -> Map.entry(rs.getString(1), (Object) rs.getLong(2))).list().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        log("attempts=%d outcomes=%s pbx_calls=%d still_live_on_pbx=%d unsettled=%d", attempts, outcomes,
                pbx.started() - before.started(), liveOnPbx.size(), unsettled.size());
        log("attempts/s sustained (first to last attempt) %.1f, best %.1f s window %.1f", perSecond, window, best);
        double[] turns = simulator.agiTurnMillis(before.agiTurns());
        log("AGI server turn over %d replies: p50 %.2f ms, p99 %.2f ms, max %.2f ms", pbx.agiTurns() - before.agiTurns(), turns[0],
                turns[1], turns[2]);
        log("duplicates seen %s, tasks over %d attempts %d, PBX calls without a row %d", ledger.duplicatesSeen(),
                MAX_ATTEMPTS_PER_TASK, overLimit, callsWithoutRow);
        return String.format(java.util.Locale.ROOT,
                "concurrent_calls=%d attempts_per_s=%.1f p99_agi_ms=%.2f heap_mb=%d lost=%d duplicated=%d", maxLive,
                perSecond, turns[1], maxHeap >> 20, lost, duplicated);
    }

    /**
     * The highest rate over any window of {@code seconds} (sliding, not aligned to the clock), as (calls in the
     * window - 1) / window, the same arithmetic as the sustained rate, so that the best window is never below it.
     */
    static double bestWindowRate(List<Long> sortedMicros, double seconds) {
        if (sortedMicros.size() < 2 || seconds <= 0) {
            return sortedMicros.size();
        }
        long width = Math.round(seconds * 1e6); // the span in µs comes back through a double: never truncate it
        int most = 1;
        for (int from = 0, to = 0; from < sortedMicros.size(); from++) {
            while (to + 1 < sortedMicros.size() && sortedMicros.get(to + 1) - sortedMicros.get(from) <= width) {
                to++;
            }
            most = Math.max(most, to - from + 1);
        }
        return (most - 1) / seconds;
    }

    private static long createCampaign(ApiClient supervisor, Options options) {
        ApiClient.Response created = supervisor.post("/api/v1/campaigns", ApiClient.json(Map.ofEntries(
                Map.entry("name", "bench-" + System.nanoTime()), Map.entry("court", "NMG0303"),
                Map.entry("ringTimeout", "PT20S"), Map.entry("maxConcurrentCalls", Math.max(options.calls(), 100)),
                Map.entry("maxCallsPerSecond", options.rate()),
                Map.entry("callingFrom", "00:00"), Map.entry("callingUntil", "23:59:59"),
                Map.entry("callOnWeekends", true), Map.entry("busyRetry", "PT5S"), Map.entry("noAnswerRetry", "PT5S"),
                Map.entry("failureRetry", "PT5S"), Map.entry("maxAttemptsPerTask", MAX_ATTEMPTS_PER_TASK))));
        if (created.status() != 201) {
            throw new IllegalStateException("campaign not created: " + created.body());
        }
        return created.body().get("id").asLong();
    }

    private static void startCampaign(ApiClient supervisor, long id) {
        ApiClient.Response started = supervisor.post("/api/v1/campaigns/" + id + "/start", "{}");
        if (started.status() != 200) {
            throw new IllegalStateException("campaign not started: " + started.body());
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void log(String format, Object... args) {
        System.out.printf(java.util.Locale.ROOT, "[bench] " + format + "%n", args);
    }
}
