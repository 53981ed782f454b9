package org.serveline.server.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * This JVM's CPU time over a span, split by who spent it. The whole is the process's CPU time (every thread,
 * ended ones included: {@code getProcessCpuTime}). Its parts are sampled every {@code period} and each thread's
 * last sample kept, so a thread that ends before the span does keeps what it spent up to its last sample:
 * <ul>
 * <li>Java threads by {@link ThreadMXBean#getThreadCpuTime} (the bench's own — {@code main}, {@code bench-*} —
 *     apart);</li>
 * <li>the collector's and the JIT compiler's threads, which the JVM hides from {@code ThreadMXBean}, by Linux's
 *     per-thread run time ({@code /proc/self/task/<tid>/schedstat}, ns) of the threads HotSpot names {@code GC
 *     Thread#n}, {@code G1 …} and {@code C1/C2 CompilerThread} (their names cut to 15 characters); HotSpot's own
 *     counter {@code sun.threads.total_gc_cpu_time} counts the same GC threads but is readable only through
 *     {@code jcmd}, and it has none for the compilers;</li>
 * <li>the rest: the VM thread, safepoints, and threads that lived less than a period.</li>
 * </ul>
 */
final class CpuSampler implements AutoCloseable {

    /** CPU nanoseconds of the span, by part; {@code server()} is the whole JVM less the bench's threads. */
    record Split(long process, long bench, long javaThreads, long gc, long jit, Map<String, Long> javaByPart) {

        long server() {
            return process - bench;
        }

        /** The server's CPU outside its Java threads, the collector and the compiler. */
        long rest() {
            return server() - javaThreads - gc - jit;
        }
    }

    private static final Path TASKS = Path.of("/proc/self/task");

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, String> javaNames = new HashMap<>();
    private final Map<Long, Long> javaAtStart = new HashMap<>();
    private final Map<Long, Long> javaLast = new HashMap<>();
    private final Map<String, String> osNames = new HashMap<>();
    private final Map<String, Long> osAtStart = new HashMap<>();
    private final Map<String, Long> osLast = new HashMap<>();
    private final long processAtStart;
    private final Thread sampler;
    private volatile boolean running = true;

    private CpuSampler(Duration period) {
        sample(javaAtStart, osAtStart);
        processAtStart = processCpu();
        sampler = Thread.ofPlatform().name("bench-cpu-sampler").daemon().start(() -> {
            while (running) {
                try {
                    Thread.sleep(period); // a sampling period, not a wait for a condition
                } catch (InterruptedException e) {
                    return;
                }
                synchronized (this) {
                    sample(javaLast, osLast);
                }
            }
        });
    }

    /** Takes the first sample now and samples every {@code period} until {@link #stop}. */
    static CpuSampler start(Duration period) {
        return new CpuSampler(period);
    }

    /** Takes the last sample and returns the span's split. */
    synchronized Split stop() {
        running = false;
        sampler.interrupt();
        sample(javaLast, osLast);
        long process = processCpu() - processAtStart;
        long bench = 0;
        long java = 0;
        Map<String, Long> byPart = new TreeMap<>();
        for (var e : javaLast.entrySet()) {
            long spent = e.getValue() - javaAtStart.getOrDefault(e.getKey(), 0L);
            String name = javaNames.get(e.getKey());
            if (isBench(name)) {
                bench += spent;
            } else {
                java += spent;
                byPart.merge(part(name), spent, Long::sum);
            }
        }
        long gc = 0;
        long jit = 0;
        for (var e : osLast.entrySet()) {
            long spent = e.getValue() - osAtStart.getOrDefault(e.getKey(), 0L);
            String name = osNames.get(e.getKey());
            if (isGc(name)) {
                gc += spent;
            } else if (isJit(name)) {
                jit += spent;
            }
        }
        return new Split(process, bench, java, gc, jit, byPart);
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }

    private void sample(Map<Long, Long> java, Map<String, Long> os) {
        for (long id : threads.getAllThreadIds()) {
            long nanos = threads.getThreadCpuTime(id);
            if (nanos < 0) {
                continue;
            }
            if (!javaNames.containsKey(id)) {
                var info = threads.getThreadInfo(id);
                if (info == null) {
                    continue;
                }
                javaNames.put(id, info.getThreadName());
            }
            java.put(id, nanos);
        }
        try (Stream<Path> tasks = Files.list(TASKS)) {
            tasks.forEach(task -> {
                try {
                    String tid = task.getFileName().toString();
                    String name = osNames.get(tid);
                    if (name == null) {
                        name = Files.readString(task.resolve("comm")).strip();
                        osNames.put(tid, name);
                    }
                    if (isGc(name) || isJit(name)) {
                        String schedstat = Files.readString(task.resolve("schedstat"));
                        os.put(tid, Long.parseLong(schedstat.substring(0, schedstat.indexOf(' '))));
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended between the listing and the read: its last sample stands
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + TASKS + " (the bench's CPU split needs Linux)", e);
        }
    }

    static boolean isBench(String thread) {
        return thread != null && (thread.equals("main") || thread.startsWith("bench-"));
    }

    static boolean isGc(String osThread) {
        return osThread.startsWith("GC Thread#") || osThread.startsWith("G1 ");
    }

    static boolean isJit(String osThread) {
        return osThread.startsWith("C1 CompilerThre") || osThread.startsWith("C2 CompilerThre");
    }

    private static String part(String thread) {
        if (thread.startsWith("ForkJoinPool")) {
            return "server virtual threads";
        }
        if (thread.startsWith("Asterisk-Java")) {
            return "asterisk-java reader";
        }
        if (thread.startsWith("serveline-ami") || thread.startsWith("serveline-tracker")) {
            return "server AMI dispatch";
        }
        if (thread.equals("settle-batches")) {
            return "settle batches";
        }
        return "other Java threads";
    }

    static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
