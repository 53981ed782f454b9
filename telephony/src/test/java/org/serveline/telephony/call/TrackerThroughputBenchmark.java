package org.serveline.telephony.call;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.asteriskjava.manager.internal.ManagerConnectionImpl;
import org.serveline.telephony.ami.AmiTrace;
import org.serveline.telephony.ami.FakeAmiServer;
import org.serveline.telephony.ami.LinkMetrics;
import org.serveline.telephony.ami.OriginateRequest;
import org.serveline.telephony.ami.PbxLink;
import org.serveline.telephony.ami.ScriptedAmi;

/**
 * Not a test: pushes the real 1001 trace N times (fresh Uniqueids and ActionIDs each time) over TCP, once into a
 * bare asterisk-java listener and once through PbxLink + CallTracker, and prints events per second for both.
 * Run: {@code java -cp <test classpath> org.serveline.telephony.call.TrackerThroughputBenchmark [repetitions]}.
 */
public final class TrackerThroughputBenchmark {

    /** A harmless event both sides understand, sent last: when it arrives, everything before it has. */
    private static final String SENTINEL = "Event: FullyBooted\r\nStatus: BenchDone\r\n\r\n";

    private TrackerThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        List<String> frames = frames(repetitions);
        long events = frames.size();
        System.out.printf("1001 trace x %d = %d events%n", repetitions, events);
        for (int round = 1; round <= 2; round++) {
            double bare = bareAsteriskJava(frames);
            double tracked = linkAndTracker(frames, repetitions);
            System.out.printf("round %d: bare asterisk-java listener %,.0f events/s; PbxLink+CallTracker %,.0f events/s%n",
                    round, bare, tracked);
        }
    }

    private static List<String> frames(int repetitions) throws IOException {
        AmiTrace trace = AmiTrace.load("1001");
        List<String> template = trace.answer("Originate", "ignored").stream()
                .filter(frame -> frame.startsWith("Event:")).toList();
        List<String> frames = new ArrayList<>();
        for (int i = 0; i < repetitions; i++) {
            String prefix = "9" + i + ".";
            for (String frame : template) {
                frames.add(frame.replace("1795737031.", prefix)
                        .replace("ActionID: ignored", "ActionID: 1_" + i + "#serveline-originate-B-" + i));
            }
        }
        frames.add(SENTINEL);
        return frames;
    }

    private static double bareAsteriskJava(List<String> frames) throws Exception {
        try (FakeAmiServer server = new FakeAmiServer(new ScriptedAmi().afterLogin(frames))) {
            CountDownLatch done = new CountDownLatch(1);
            AtomicLong first = new AtomicLong();
            AtomicLong count = new AtomicLong();
            ManagerConnectionImpl connection = new ManagerConnectionImpl();
            connection.setHostname("127.0.0.1");
            connection.setPort(server.port());
            connection.setUsername(FakeAmiServer.USER);
            connection.setPassword(FakeAmiServer.SECRET);
            connection.addEventListener(event -> {
                if (event.getClass().getSimpleName().equals("ConnectEvent")) {
                    return;
                }
                first.compareAndSet(0, System.nanoTime());
                count.incrementAndGet();
                if (event instanceof org.asteriskjava.manager.event.FullyBootedEvent booted
                        && "BenchDone".equals(booted.getStatus())) {
                    done.countDown();
                }
            });
            connection.login();
            done.await(120, TimeUnit.SECONDS);
            double rate = rate(count.get(), first.get());
            connection.logoff();
            return rate;
        }
    }

    private static double linkAndTracker(List<String> frames, int repetitions) throws Exception {
        try (FakeAmiServer server = new FakeAmiServer(new ScriptedAmi().afterLogin(frames))) {
            PbxLink link = PbxLink.asterisk(server.config("bench"), Clock.systemUTC());
            CallTracker tracker = new CallTracker(link, TrackerSettings.DEFAULTS, Clock.systemUTC());
            for (int i = 0; i < repetitions; i++) {
                tracker.track(new OriginateRequest("B-" + i, "T-" + i, "Local/1001@simulated-parties",
                        new OriginateRequest.Dialplan("outbound-notice", "s", 1), "", Duration.ofSeconds(30),
                        Map.of()));
            }
            CountDownLatch settled = new CountDownLatch(repetitions);
            tracker.onOutcome(outcome -> settled.countDown());
            AtomicLong first = new AtomicLong();
            AtomicLong count = new AtomicLong();
            CountDownLatch done = new CountDownLatch(1);
            link.subscribe(event -> {
                first.compareAndSet(0, System.nanoTime());
                count.incrementAndGet();
                if (event instanceof org.serveline.telephony.ami.AmiEvent.OtherEvent other
                        && "BenchDone".equals(other.headers().get("Status"))) {
                    done.countDown();
                }
            });
            link.start();
            done.await(120, TimeUnit.SECONDS);
            double rate = rate(count.get(), first.get());
            settled.await(10, TimeUnit.SECONDS);
            LinkMetrics metrics = link.metrics();
            System.out.printf("  tracker settled %d of %d attempts; queue: max depth %d, max wait %s, avg wait %s%n",
                    repetitions - settled.getCount(), repetitions, metrics.maxQueueDepth(), metrics.maxQueueWait(),
                    metrics.averageQueueWait());
            tracker.close();
            link.close();
            return rate;
        }
    }

    private static double rate(long events, long firstNanos) {
        double seconds = (System.nanoTime() - firstNanos) / 1e9;
        return events / seconds;
    }
}
