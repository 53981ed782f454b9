package org.serveline.telephony.ami;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.asteriskjava.manager.event.FullyBootedEvent;
import org.asteriskjava.manager.internal.ManagerConnectionImpl;
import org.serveline.pbxsim.ami.EventFilter;

/**
 * Not a test: what the AMI events of one real notice call cost this node, with and without the eventfilter lines of
 * {@code config/asterisk/manager.conf}. The stream a real Asterisk 22 sent while Serveline placed 12 notice calls
 * ({@code serveline-notice-calls.txt}) is sent N times over TCP, once in full (no filter, as main shipped it) and once
 * with only what the shipped filter lets through (as Asterisk 22 then sends it), into (a) a bare asterisk-java
 * connection and (b) Serveline's PbxLink (asterisk-java, conversion to records, hand-off thread). Prints events per
 * call and the CPU time per call of the receiving threads (asterisk-java's reader, Serveline's event thread),
 * measured with ThreadMXBean, after a warm-up round.
 * Run: {@code java -cp <telephony test classpath> org.serveline.telephony.ami.EventFilterCostBenchmark [repetitions]}.
 */
public final class EventFilterCostBenchmark {

    private static final String SENTINEL = "Event: FullyBooted\r\nPrivilege: system,all\r\nStatus: BenchDone\r\n\r\n";
    private static final int CALLS_PER_TRACE = 12;

    private EventFilterCostBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Path conf = Path.of("config", "asterisk", "manager.conf");
        if (!Files.exists(conf)) {
            conf = Path.of("..", "config", "asterisk", "manager.conf");
        }
        EventFilter shipped = EventFilter.parse(EventFilter.linesOf(conf, "serveline"));
        List<String> trace = TappedTrace.load("serveline-notice-calls.txt").events().stream()
                .map(TappedTrace.Block::frame).filter(f -> !f.startsWith("Event: FullyBooted")
                        && !f.startsWith("Event: SuccessfulAuth")).toList();
        List<String> all = repeat(trace, repetitions);
        List<String> filtered = repeat(trace.stream().filter(shipped::allows).toList(), repetitions);
        long calls = (long) CALLS_PER_TRACE * repetitions;
        System.out.printf("serveline-notice-calls.txt x %d = %d calls; events per call: %.1f unfiltered, %.1f filtered%n",
                repetitions, calls, (all.size() - 1) / (double) calls, (filtered.size() - 1) / (double) calls);
        for (int round = 0; round < 3; round++) {
            String label = round == 0 ? "warm-up" : "round " + round;
            Cost bareAll = bare(all);
            Cost bareFiltered = bare(filtered);
            Cost linkAll = link(all);
            Cost linkFiltered = link(filtered);
            System.out.printf("%s: bare asterisk-java reader cpu_ms_per_call unfiltered=%.3f filtered=%.3f | "
                            + "PbxLink (reader + event thread) unfiltered=%.3f filtered=%.3f%n", label,
                    bareAll.perCall(calls), bareFiltered.perCall(calls), linkAll.perCall(calls),
                    linkFiltered.perCall(calls));
        }
    }

    private static List<String> repeat(List<String> frames, int repetitions) {
        List<String> out = new ArrayList<>(frames.size() * repetitions + 1);
        for (int i = 0; i < repetitions; i++) {
            String prefix = "9" + i + ".";
            for (String frame : frames) {
                out.add(frame.replace("1796012026.", prefix));
            }
        }
        out.add(SENTINEL);
        return out;
    }

    /** CPU nanoseconds of the receiving threads. */
    private record Cost(long cpuNanos) {
        double perCall(long calls) {
            return cpuNanos / 1e6 / calls;
        }
    }

    private static Cost bare(List<String> frames) throws Exception {
        try (FakeAmiServer server = new FakeAmiServer(new ScriptedAmi().afterLogin(frames))) {
            CountDownLatch done = new CountDownLatch(1);
            ManagerConnectionImpl connection = new ManagerConnectionImpl();
            connection.setHostname("127.0.0.1");
            connection.setPort(server.port());
            connection.setUsername(FakeAmiServer.USER);
            connection.setPassword(FakeAmiServer.SECRET);
            AtomicLong count = new AtomicLong();
            connection.addEventListener(event -> {
                count.incrementAndGet();
                if (event instanceof FullyBootedEvent booted && "BenchDone".equals(booted.getStatus())) {
                    done.countDown();
                }
            });
            Map<Long, Long> before = cpu();
            connection.login();
            if (!done.await(300, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the bare connection did not see the end of the stream");
            }
            long spent = since(before);
            connection.logoff();
            return new Cost(spent);
        }
    }

    private static Cost link(List<String> frames) throws Exception {
        try (FakeAmiServer server = new FakeAmiServer(new ScriptedAmi().afterLogin(frames));
             PbxLink link = PbxLink.asterisk(server.config("bench"), Clock.systemUTC())) {
            CountDownLatch done = new CountDownLatch(1);
            link.subscribe(event -> {
                if (event instanceof AmiEvent.OtherEvent other && "BenchDone".equals(other.headers().get("Status"))) {
                    done.countDown();
                }
            });
            Map<Long, Long> before = cpu();
            link.start();
            if (!done.await(300, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the link did not see the end of the stream");
            }
            return new Cost(since(before));
        }
    }

    /** CPU time of asterisk-java's threads and Serveline's AMI event threads alive now, by thread id. */
    private static Map<Long, Long> cpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new HashMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            String name = thread.getName();
            if (name.startsWith("Asterisk-Java") || name.startsWith("serveline-ami-")) {
                cpu.put(thread.threadId(), Math.max(0, threads.getThreadCpuTime(thread.threadId())));
            }
        }
        return cpu;
    }

    /** CPU spent since {@code before} by the threads alive now (a thread born since counts in full). */
    private static long since(Map<Long, Long> before) {
        long total = 0;
        for (Map.Entry<Long, Long> now : cpu().entrySet()) {
            total += now.getValue() - before.getOrDefault(now.getKey(), 0L);
        }
        return total;
    }
}
