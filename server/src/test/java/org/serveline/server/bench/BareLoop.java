package org.serveline.server.bench;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.BaseAgiScript;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;

/**
 * The bare library, for comparison: asterisk-java alone originates the same calls (same dial string, same
 * {@code serveline-outbound} context) and counts their hang-ups; its FastAGI script hangs up at once (no notice, no
 * database). Paced, it is held to the budget the server's dialer is held to (a token bucket of R per second that
 * starts full with one second's worth, as {@code campaign/CallRates}); unpaced ({@code rate} infinite), it sends
 * every Originate as fast as asterisk-java takes them. Its rate is not taken here: the bench takes both sides'
 * from the simulator's record of when each Originate arrived.
 */
final class BareLoop {

    /**
     * Calls originated and ended, the rate they were sent at (on this JVM's clock, for the log), and this JVM's CPU
     * per call: the whole process's (GC and JIT included; the simulator runs in its own JVM) and its Java threads'.
     */
    record Result(int originated, int ended, int failed, double sentPerSecond, double jvmCpuMsPerCall,
            double javaThreadsCpuMsPerCall) {
    }

    private BareLoop() {
    }

    static Result run(int amiPort, int calls, double rate, Duration timeout) throws Exception {
        int agiPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            agiPort = probe.getLocalPort();
        }
        DefaultAgiServer agi = new DefaultAgiServer(new BaseAgiScript() {
            @Override
            public void service(AgiRequest request, AgiChannel channel) throws org.asteriskjava.fastagi.AgiException {
                channel.hangup();
            }
        });
        agi.setPort(agiPort);
        agi.setAddress(InetAddress.getLoopbackAddress());
        Thread agiThread = Thread.ofPlatform().name("bare-agi").daemon().start(() -> {
            try {
                agi.startup();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        ManagerConnection ami = new ManagerConnectionFactory("127.0.0.1", amiPort, "serveline",
                "serveline-secret").createManagerConnection();
        Set<String> ours = ConcurrentHashMap.newKeySet();
        Set<String> hangups = ConcurrentHashMap.newKeySet(); // every channel's, ours or not: events may cross
        AtomicInteger failed = new AtomicInteger();
        ami.addEventListener(event -> {
            if (event instanceof OriginateResponseEvent response && response.getActionId() != null
                    && response.getActionId().startsWith("bare-")) {
                if ("Success".equalsIgnoreCase(response.getResponse())) {
                    ours.add(response.getUniqueId());
                } else {
                    failed.incrementAndGet();
                }
            } else if (event instanceof HangupEvent hangup) {
                hangups.add(hangup.getUniqueId());
            }
        });
        ami.login();
        try (CpuSampler sampler = CpuSampler.start(Duration.ofMillis(100))) {
            long start = System.nanoTime();
            double burst = Math.max(1, rate); // the bucket's one second of tokens, full at the start
            long first = 0;
            long last = 0;
            AtomicLong sent = new AtomicLong();
            for (int i = 0; i < calls; i++) {
                if (Double.isFinite(rate)) {
                    // call i needs i + 1 tokens: the burst, then R per second
                    long due = start + (long) (Math.max(0, i + 1 - burst) * 1e9 / rate);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait); // pacing at the trunk's rate, not a wait for a condition
                    }
                }
                OriginateAction originate = new OriginateAction();
                originate.setActionId("bare-" + i);
                originate.setChannel("Local/0" + (1380000000L + i) + "@simulated-parties");
                originate.setContext("serveline-outbound");
                originate.setExten("s");
                originate.setPriority(1);
                originate.setTimeout(20_000L);
                originate.setAsync(true);
                originate.setCallerId("\"Serveline\" <4700000>");
                originate.setVariables(Map.of("SERVELINE_ATTEMPT_ID", "bare-" + i, "SERVELINE_TASK_ID", "0",
                        "SERVELINE_AGI_URL", "agi://127.0.0.1:" + agiPort));
                ami.sendAction(originate, response -> sent.incrementAndGet());
                last = System.nanoTime();
                if (i == 0) {
                    first = last;
                }
            }
            long until = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < until && ended(ours, hangups) + failed.get() < calls) {
                Thread.sleep(100); // a sampling period
            }
            CpuSampler.Split cpu = sampler.stop();
            double span = (last - first) / 1e9;
            int ended = ended(ours, hangups);
            double done = Math.max(1, ended + failed.get()) * 1e6;
            return new Result(calls, ended, failed.get(), span > 0 ? (calls - 1) / span : calls, cpu.process() / done,
                    (cpu.javaThreads() + cpu.bench()) / done);
        } finally {
            ami.logoff();
            agi.shutdown();
            agiThread.join(5_000);
        }
    }

    private static int ended(Set<String> ours, Set<String> hangups) {
        return (int) ours.stream().filter(hangups::contains).count();
    }
}
