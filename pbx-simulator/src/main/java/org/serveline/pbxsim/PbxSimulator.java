package org.serveline.pbxsim;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.serveline.pbxsim.ami.AmiCredentials;
import org.serveline.pbxsim.ami.AmiServer;
import org.serveline.pbxsim.ami.EventFilter;
import org.serveline.pbxsim.call.CallCounters;
import org.serveline.pbxsim.call.CallEngine;
import org.serveline.pbxsim.call.CallSettings;
import org.serveline.pbxsim.call.SimChannel;
import org.serveline.pbxsim.pjsip.ContactActions;
import org.serveline.pbxsim.queue.QueueActions;
import org.serveline.pbxsim.recording.RecordingWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PBX that speaks Asterisk 22's AMI (server side) and FastAGI (client side) over TCP, with scripted parties.
 * All calls run on a few Netty event loops (no thread per call); timers are event-loop timers scaled by the
 * configured time scale. {@link #close()} stops every thread it started.
 */
public final class PbxSimulator implements AutoCloseable {

    /** Ports the simulator is listening on once started. */
    public record Ports(int ami) {
    }

    private static final Logger log = LoggerFactory.getLogger(PbxSimulator.class);

    private final SimulatorConfig config;
    private final String threadPrefix = "pbxsim-" + Integer.toHexString(System.identityHashCode(this));
    private EventLoopGroup group;
    private ExecutorService fileWriter;
    private AmiServer ami;
    private CallEngine engine;
    private QueueActions queues;
    private Ports ports;

    public PbxSimulator(SimulatorConfig config) {
        this.config = config;
    }

    /** Binds the AMI port and starts accepting; returns the bound ports. Call once. */
    public synchronized Ports start() {
        if (ports != null) {
            throw new IllegalStateException("already started");
        }
        group = new MultiThreadIoEventLoopGroup(config.eventLoopThreads(),
                new DefaultThreadFactory(threadPrefix, true), NioIoHandler.newFactory());
        fileWriter = Executors.newSingleThreadExecutor(r -> new Thread(r, threadPrefix + "-recordings"));
        ami = new AmiServer(group, new AmiCredentials(config.username(), config.secret(), config.amiWrite(),
                EventFilter.parse(config.amiEventFilter())));
        CallSettings settings = new CallSettings(config.timeScale(), config.spoolDir(), config.dialplan(),
                config::partyFor, config.amiChannelVars(), config.promptDuration(), config.agiIdleTimeout(),
                new ConcurrentHashMap<>());
        engine = new CallEngine(group, ami, settings, new RecordingWriter(config.spoolDir(), fileWriter));
        engine.registerActions(ami);
        queues = new QueueActions();
        queues.registerActions(ami);
        new ContactActions(config.contacts()).registerActions(ami);
        InetSocketAddress bound;
        try {
            bound = ami.bind(config.amiHost(), config.amiPort());
        } catch (Exception e) { // Netty rethrows the checked BindException undeclared
            close();
            throw new IllegalStateException("cannot listen for AMI on " + config.amiHost() + ":" + config.amiPort(), e);
        }
        ports = new Ports(bound.getPort());
        log.info("PBX simulator listening for AMI on {}:{} (time scale {})", config.amiHost(), ports.ami(), config.timeScale());
        return ports;
    }

    public Ports ports() {
        return ports;
    }

    public CallCounters counters() {
        return engine.counters();
    }

    /** The live channels (both halves of each call). */
    public List<SimChannel> channels() {
        return engine.channels();
    }

    public QueueActions queues() {
        return queues;
    }

    /**
     * Test and ops control: cuts every AMI connection (calls in flight go on; their events are lost for the
     * dropped sessions). The listener stays open, so managers reconnect.
     *
     * @return how many AMI sessions were dropped
     */
    public int dropAmiConnections() {
        int dropped = ami.dropSessions();
        log.info("PBX simulator dropped {} AMI connection(s) with {} channel(s) live", dropped, channels().size());
        return dropped;
    }

    /**
     * Test control: Asterisk is killed and restarted. Every AMI connection drops, every call vanishes without a
     * Hangup event (its AGI connection drops, its recording is never finished); then the PBX takes logins and calls
     * again, with no channel left.
     *
     * @return how many calls were live
     */
    public int crash() {
        ami.dropSessions();
        int calls = engine.vanishAll();
        log.info("PBX simulator crashed with {} call(s) live", calls);
        return calls;
    }

    /** AMI sessions currently logged in. */
    public int amiConnections() {
        return ami.sessionCount();
    }

    /** AMI events sent to the manager user's sessions, and those its eventfilter held back (manager.conf). */
    public AmiEventCounts amiEvents() {
        return new AmiEventCounts(ami.eventsPassed(), ami.eventsFiltered());
    }

    /** Counts of the PBX's AMI events while a session was logged in: each event counted once. */
    public record AmiEventCounts(long passed, long filtered) {
    }

    /** The prefix of every thread this simulator starts (for leak checks). */
    public String threadPrefix() {
        return threadPrefix;
    }

    @Override
    public synchronized void close() {
        if (group == null) {
            return;
        }
        ami.close();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        fileWriter.shutdown();
        try {
            if (!fileWriter.awaitTermination(10, TimeUnit.SECONDS)) {
                fileWriter.shutdownNow();
            }
        } catch (InterruptedException e) {
            fileWriter.shutdownNow();
            Thread.currentThread().interrupt();
        }
        group = null;
    }

    /** Runs standalone: {@code [amiPort] [timeScale] [spoolDir]}; stops on Ctrl-C. */
    public static void main(String[] args) throws InterruptedException {
        SimulatorConfig.Builder builder = SimulatorConfig.builder().amiPort(args.length > 0 ? Integer.parseInt(args[0]) : 5038);
        if (args.length > 1) {
            builder.timeScale(Double.parseDouble(args[1]));
        }
        if (args.length > 2) {
            builder.spoolDir(Path.of(args[2]));
        }
        PbxSimulator simulator = new PbxSimulator(builder.build());
        simulator.start();
        Thread stop = new Thread(simulator::close, "pbxsim-shutdown");
        Runtime.getRuntime().addShutdownHook(stop);
        Thread.currentThread().join();
    }
}
