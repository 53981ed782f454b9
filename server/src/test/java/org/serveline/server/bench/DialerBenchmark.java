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
 * tasks against the PBX simulator in its own JVM ({@link SimulatorChild}, with the shipped AMI eventfilter), whose
 * parties all listen to the notice and consent; then a bare asterisk-java loop ({@link BareLoop}) originates as many
 * calls on the same simulator. Both rates are taken from the simulator's record of when each Originate arrived,
 * with the same arithmetic; paced, both are held to the same budget (R per second, one second's burst), unpaced
 * ({@code --unpaced}) neither is. Samples live calls, attempts and heap; the FastAGI server's turns are timed by the
 * simulator (the PBX's view); the server's CPU is its whole JVM's less the bench's threads ({@link BenchCounters}).
 * Last line: {@code concurrent_calls=<n> attempts_per_s=<x> p99_agi_ms=<y> heap_mb=<z> lost=<n> duplicated=<n>
 * bare_per_s=<x> vs_bare=<x>|vs_bare_unpaced=<x> server_cpu_ms_per_call=<ms> db_statements_per_call=<n> ...}.
 * Run by {@code bench/dialer [--calls N] [--seconds S] [--rate R] [--time-scale T] [--warmup W] [--unpaced]}.
 */
public final class DialerBenchmark {

    private static final int MAX_ATTEMPTS_PER_TASK = 3;
    private static final String SETTLE_TICK = "PT0.05S";
    /** The per-call costs of (b), measured before the server closes, for the last line. */
    private static final java.util.concurrent.atomic.AtomicReference<String> LAST_COSTS =
            new java.util.concurrent.atomic.AtomicReference<>("");

    private DialerBenchmark() {
    }

    /** The trunk's and the campaign's calls per second in {@code --unpaced} runs: a budget that never binds. */
    static final double UNPACED_RATE = 1_000_000;

    record Options(int calls, int seconds, double rate, double timeScale, int warmup, boolean unpaced) {

        static Options parse(String[] args) {
            int calls = 1000;
            int seconds = 120;
            double rate = 200;
            double timeScale = 1.0;
            int warmup = 0;
            boolean unpaced = false;
            for (int i = 0; i < args.length; i += 2) {
                if (args[i].equals("--unpaced")) {
                    unpaced = true;
                    i--;
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + args[i] + " has no value");
                }
                switch (args[i]) {
                    case "--calls" -> calls = Integer.parseInt(args[i + 1]);
                    case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                    case "--rate" -> rate = Double.parseDouble(args[i + 1]);
                    case "--time-scale" -> timeScale = Double.parseDouble(args[i + 1]);
                    case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + " (use --calls N --seconds S --rate R --time-scale T --warmup W --unpaced)");
                }
            }
            if (calls < 1 || seconds < 1 || rate <= 0 || timeScale <= 0 || timeScale > 10 || warmup < 0) {
                throw new IllegalArgumentException("need --calls >= 1, --seconds >= 1, --rate > 0, 0 < --time-scale <= 10,"
                        + " --warmup >= 0");
            }
            return new Options(calls, seconds, rate, timeScale, warmup, unpaced);
        }

        /** The calls per second the server's trunk and campaign are given. */
        double serverRate() {
            return unpaced ? UNPACED_RATE : rate;
        }

        /** The calls per second the bare loop is held to (infinite: not at all). */
        double bareRate() {
            return unpaced ? Double.POSITIVE_INFINITY : rate;
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
                Math.max(options.calls(), 100), options.serverRate());
        properties.put("serveline.dialer.tick", "PT0.05S");
        properties.put("serveline.dialer.batch", "200");
        properties.put("serveline.settle.tick", SETTLE_TICK);
        properties.put("logging.level.root", "WARN");
        log("starting the server (calls=%d seconds=%d %s time-scale=%.2f)", options.calls(), options.seconds(),
                options.unpaced() ? "unpaced" : String.format(java.util.Locale.ROOT, "rate=%.0f/s", options.rate()),
                options.timeScale());
        ServerNode node = ServerNode.start(properties);
        String figures;
        BareLoop.Result bare;
        List<Long> bareTimes;
        double bareSimulatorMs;
        try {
            try {
                figures = run(options, simulator, node);
            } finally {
                node.close();
            }
            // (a) after (b), so that the simulator's counters (lost, duplicated, AGI turns) are the server's alone
            log("the bare asterisk-java loop: %d calls %s on the same simulator, no database", options.calls(),
                    options.unpaced() ? "unpaced" : String.format(java.util.Locale.ROOT,
                            "held to %.0f/s with one second's burst, as the server's bucket", options.rate()));
            int skip = simulator.originateTimes(0).size();
            long simulatorBefore = simulator.cpu().toNanos();
            bare = BareLoop.run(simulator.amiPort(), options.calls(), options.bareRate(), Duration.ofSeconds(120));
            bareSimulatorMs = (simulator.cpu().toNanos() - simulatorBefore) / 1e6 / Math.max(1, bare.originated());
            bareTimes = simulator.originateTimes(skip);
        } finally {
            simulator.close();
        }
        double barePerSecond = sustainedRate(bareTimes);
        log("bare: originated=%d ended=%d failed=%d; Originates arriving at the simulator: %d, sustained %.1f/s, "
                + "best %s (sent at %.1f/s on this JVM's clock); CPU per call %.2f ms of the whole JVM (GC and JIT "
                + "included; the simulator is in its own JVM), %.2f ms in its Java threads; the simulator's for these "
                + "calls (no notice): %.2f ms", bare.originated(), bare.ended(), bare.failed(), bareTimes.size(),
                barePerSecond, bestWindow(bareTimes), bare.sentPerSecond(), bare.jvmCpuMsPerCall(),
                bare.javaThreadsCpuMsPerCall(), bareSimulatorMs);
        double serveline = Double.parseDouble(figures.replaceAll(".*attempts_per_s=([0-9.]+).*", "$1"));
        figures += String.format(java.util.Locale.ROOT, " bare_per_s=%.1f %s=%.2f", barePerSecond,
                options.unpaced() ? "vs_bare_unpaced" : "vs_bare", barePerSecond > 0 ? serveline / barePerSecond : 0);
        figures += LAST_COSTS.get();
        figures += options.unpaced() ? " mode=unpaced" : String.format(java.util.Locale.ROOT, " mode=paced rate=%.0f",
                options.rate());
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
        BenchCounters counters = new BenchCounters(node.jdbc(), simulator::cpu,
                node.bean(io.micrometer.core.instrument.MeterRegistry.class).get(
                        org.serveline.server.call.SettleBatches.DELAY).timer());
        int originatesBefore = simulator.originateTimes(0).size();
        counters.start();
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
        List<String> costs = finished ? counters.stop(ledger.attempts()) : null; // before the stop request
        fixtures.supervisor.post("/api/v1/campaigns/" + campaign + "/stop", "{}");
        log(finished ? "campaign finished in %.1f s" : "time is up after %.1f s: campaign stopped, draining", campaignSeconds);
        long drainUntil = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < drainUntil && (simulator.counters().active() > 0 || ledger.unsettled() > 0)) {
            maxHeap = Math.max(maxHeap, memory.getHeapMemoryUsage().getUsed());
            Thread.sleep(500);
        }
        ledger.sample(simulator.liveAttemptsByTask());
        (costs != null ? costs : counters.stop(ledger.attempts())).forEach(line -> log("%s", line));
        int attempts = ledger.attempts();
        BenchCounters.ServerCpu cpu = counters.serverCpuMsPerAttempt(attempts);
        log("server CPU per attempt: %.2f ms of the whole JVM less the bench's threads = %.2f ms in its Java threads "
                + "+ %.2f GC + %.2f JIT + %.2f rest; the simulator in its own JVM: %.2f ms; the embedded MariaDB: "
                + "%.2f ms", cpu.jvm(), cpu.javaThreads(), cpu.gc(), cpu.jit(), cpu.rest(),
                counters.simulatorCpuMsPerAttempt(attempts), counters.mariadbCpuMsPerAttempt(attempts));
        BenchCounters.SettleDelay delay = counters.settleDelay();
        log("settle path, queue to commit, over %d events: p50 <= %.1f ms, p99 <= %.1f ms, max <= %.1f ms (histogram "
                + "bucket bounds; the settle tick is %s)", delay.events(), delay.p50(), delay.p99(), delay.max(),
                SETTLE_TICK);
        log("AMI events per attempt (the shipped eventfilter): %s", simulator.amiEvents().entrySet().stream()
                .map(e -> e.getKey() + " " + String.format(java.util.Locale.ROOT, "%.1f",
                        (e.getValue() - eventsAtStart.getOrDefault(e.getKey(), 0L))
                                / (double) Math.max(1, ledger.attempts())))
                .collect(java.util.stream.Collectors.joining(", ")));
        LAST_COSTS.set(String.format(java.util.Locale.ROOT, " server_cpu_ms_per_call=%.2f db_statements_per_call=%.1f"
                + " server_java_threads_cpu_ms_per_call=%.2f simulator_cpu_ms_per_call=%.2f"
                + " mariadb_cpu_ms_per_call=%.2f settle_delay_p99_ms=%.1f", cpu.jvm(),
                counters.statementsPerAttempt(attempts), cpu.javaThreads(), counters.simulatorCpuMsPerAttempt(attempts),
                counters.mariadbCpuMsPerAttempt(attempts), delay.p99()));
        return report(simulator, node, ledger, campaign, maxLive, maxHeap, before,
                simulator.originateTimes(originatesBefore));
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
    private static String report(SimulatorChild simulator, ServerNode node, AttemptLedger ledger, long campaign,
            long maxLive, long maxHeap, SimulatorChild.Counters before, List<Long> originatedAt) {
        var jdbc = node.jdbc();
        Map<String, Object> span = jdbc.sql("SELECT COUNT(*) AS n, TIMESTAMPDIFF(MICROSECOND, MIN(created_at), "
                + "MAX(created_at)) AS us FROM call_attempt WHERE campaign_id = :c").param("c", campaign)
                .query().singleRow();
        long attempts = ((Number) span.get("n")).longValue();
        double spanSeconds = span.get("us") == null ? 0 : ((Number) span.get("us")).doubleValue() / 1e6;
        double rowsPerSecond = spanSeconds > 0 ? (attempts - 1) / spanSeconds : attempts;
        double perSecond = sustainedRate(originatedAt);
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
        log("Originates arriving at the simulator: %d, sustained (first to last) %.1f/s, best %s; attempt rows' "
                + "created_at (MariaDB's clock): %.1f/s", originatedAt.size(), perSecond, bestWindow(originatedAt),
                rowsPerSecond);
        double[] turns = simulator.agiTurnMillis(before.agiTurns());
        log("AGI server turn over %d replies: p50 %.2f ms, p99 %.2f ms, max %.2f ms", pbx.agiTurns() - before.agiTurns(), turns[0],
                turns[1], turns[2]);
        log("duplicates seen %s, tasks over %d attempts %d, PBX calls without a row %d", ledger.duplicatesSeen(),
                MAX_ATTEMPTS_PER_TASK, overLimit, callsWithoutRow);
        return String.format(java.util.Locale.ROOT,
                "concurrent_calls=%d attempts_per_s=%.1f p99_agi_ms=%.2f heap_mb=%d lost=%d duplicated=%d", maxLive,
                perSecond, turns[1], maxHeap >> 20, lost, duplicated);
    }

    /** (calls - 1) / (last - first), of times in µs, ascending; the number of calls when they are fewer than two. */
    static double sustainedRate(List<Long> sortedMicros) {
        if (sortedMicros.size() < 2 || sortedMicros.getLast().equals(sortedMicros.getFirst())) {
            return sortedMicros.size();
        }
        return (sortedMicros.size() - 1) / ((sortedMicros.getLast() - sortedMicros.getFirst()) / 1e6);
    }

    /** "<rate>/s over >= <window> s", the best stretch of at most 5 s (the run's span when shorter). */
    private static String bestWindow(List<Long> sortedMicros) {
        double span = sortedMicros.size() < 2 ? 0 : (sortedMicros.getLast() - sortedMicros.getFirst()) / 1e6;
        double window = Math.min(5.0, span);
        return String.format(java.util.Locale.ROOT, "%.1f/s over >= %.1f s", bestWindowRate(sortedMicros, window),
                window);
    }

    /**
     * The highest rate over any stretch of at least {@code seconds} from one call to another, with the sustained
     * rate's arithmetic: (calls in the stretch - 1) / (its last - its first). The whole run is such a stretch, so the
     * best is never below the sustained rate; a fixed-width window's (calls - 1) / width was, by up to one call per
     * window (calls 0.3 s apart: 16 / 5 s = 3.2/s against 3.33/s). When no two calls are {@code seconds} apart, the
     * whole run.
     */
    static double bestWindowRate(List<Long> sortedMicros, double seconds) {
        int n = sortedMicros.size();
        if (n < 2 || seconds <= 0) {
            return n;
        }
        long width = Math.round(seconds * 1e6); // the span in µs comes back through a double: never truncate it
        double best = 0;
        boolean found = false;
        int to = 0;
        for (int from = 0; from < n; from++) {
            long start = sortedMicros.get(from);
            to = Math.max(to, from + 1);
            while (to < n && sortedMicros.get(to) - start < width) {
                to++;
            }
            for (int end = to; end < n; end++) {
                found = true;
                best = Math.max(best, (end - from) / ((sortedMicros.get(end) - start) / 1e6));
            }
        }
        return found ? best : sustainedRate(sortedMicros);
    }

    private static long createCampaign(ApiClient supervisor, Options options) {
        ApiClient.Response created = supervisor.post("/api/v1/campaigns", ApiClient.json(Map.ofEntries(
                Map.entry("name", "bench-" + System.nanoTime()), Map.entry("court", "NMG0303"),
                Map.entry("ringTimeout", "PT20S"), Map.entry("maxConcurrentCalls", Math.max(options.calls(), 100)),
                Map.entry("maxCallsPerSecond", options.serverRate()),
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
