package org.serveline.telephony.agi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.serveline.telephony.agi.AgiSessionEnd.Ending;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FastAGI server: one platform thread accepts, each session runs on its own virtual thread, with no cap on how
 * many run at once. Connections from addresses other than the configured PBXs are closed unread.
 *
 * <p>Own accept loop rather than asterisk-java's {@code DefaultAgiServer}: that one hands sessions to a bounded
 * {@code ThreadPoolExecutor}, cannot refuse a peer before reading, keeps the channel in a static thread-local and
 * cleans up in {@code finalize()}. The wire protocol is a handful of text lines; asterisk-java still builds the
 * command lines (quoting, escaping).
 */
public final class FastAgiServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FastAgiServer.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final Duration ACCEPT_BACKOFF = Duration.ofMillis(100);

    private final FastAgiConfig config;
    private final AgiSessionHandler handler;
    private final Set<Socket> openSockets = ConcurrentHashMap.newKeySet();
    private final Set<Thread> liveThreads = ConcurrentHashMap.newKeySet();
    private ServerSocket serverSocket;
    private Thread acceptThread;
    private ExecutorService sessions;
    private volatile boolean stopping;

    public FastAgiServer(FastAgiConfig config, Map<String, AgiApplication> applications,
            AgiSessionListener listener, Clock clock) {
        this.config = config;
        this.handler = new AgiSessionHandler(config, applications, listener, clock, () -> stopping);
    }

    public FastAgiServer(FastAgiConfig config, Map<String, AgiApplication> applications) {
        this(config, applications, AgiSessionListener.NONE, Clock.systemUTC());
    }

    /** Binds and starts accepting; throws {@link UncheckedIOException} when the address cannot be bound. */
    public synchronized void start() {
        if (serverSocket != null) {
            throw new IllegalStateException("FastAGI server already started");
        }
        try {
            serverSocket = new ServerSocket();
            serverSocket.setReuseAddress(true);
            serverSocket.bind(new InetSocketAddress(config.bindAddress(), config.port()), 256);
        } catch (IOException bindFailure) {
            throw new UncheckedIOException("cannot bind FastAGI to " + config.bindAddress() + ":" + config.port(),
                    bindFailure);
        }
        sessions = Executors.newThreadPerTaskExecutor(tracked(Thread.ofVirtual().name("serveline-agi-session-", 0)
                .factory()));
        acceptThread = tracked(Thread.ofPlatform().name("serveline-agi-accept").daemon(true).factory())
                .newThread(this::acceptLoop);
        acceptThread.start();
        log.info("FastAGI listening on {}:{}, advertised as {}, allowed PBXs {}", config.bindAddress(), port(),
                config.advertisedUrl(), config.allowedPeers());
    }

    private ThreadFactory tracked(ThreadFactory factory) {
        return task -> {
            Thread thread = factory.newThread(() -> {
                try {
                    task.run();
                } finally {
                    liveThreads.remove(Thread.currentThread());
                }
            });
            liveThreads.add(thread);
            return thread;
        };
    }

    private void acceptLoop() {
        while (!stopping) {
            try {
                accepted(serverSocket.accept());
            } catch (IOException acceptFailure) {
                if (!stopping) {
                    log.error("FastAGI accept failed; still listening", acceptFailure);
                    // e.g. out of file descriptors: do not spin while it lasts
                    LockSupport.parkNanos(ACCEPT_BACKOFF.toNanos());
                }
            }
        }
    }

    private void accepted(Socket socket) {
        if (!config.allowedPeers().contains(socket.getInetAddress())) {
            log.warn("FastAGI connection from {} refused: not a configured PBX {}", socket.getRemoteSocketAddress(),
                    config.allowedPeers());
            closeQuietly(socket);
            handler.notify(new AgiSessionEnd(socket.getInetAddress(), "", "", Ending.REJECTED_PEER,
                    "not a configured PBX address", Duration.ZERO));
            return;
        }
        openSockets.add(socket);
        try {
            sessions.execute(() -> {
                try {
                    handler.handle(socket);
                } finally {
                    openSockets.remove(socket);
                }
            });
        } catch (RuntimeException rejected) {
            openSockets.remove(socket);
            closeQuietly(socket);
        }
    }

    /** The bound port (useful when configured with port 0). */
    public int port() {
        ServerSocket bound = serverSocket;
        if (bound == null) {
            throw new IllegalStateException("FastAGI server not started");
        }
        return bound.getLocalPort();
    }

    public URI advertisedUrl() {
        return config.advertisedUrl();
    }

    /** Sessions whose connection is open right now. */
    public int activeSessions() {
        return openSockets.size();
    }

    /** Stops accepting, closes every open session and waits for their threads to finish. */
    public synchronized void stop() {
        if (serverSocket == null || stopping) {
            return;
        }
        stopping = true;
        closeQuietly(serverSocket);
        try {
            acceptThread.join(STOP_GRACE.toMillis());
            openSockets.forEach(FastAgiServer::closeQuietly);
            sessions.shutdown();
            if (!sessions.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("FastAGI sessions still running {} after stop", STOP_GRACE);
            }
            // the executor counts a task done a moment before its thread ends: wait for the threads themselves
            for (Thread thread : liveThreads) {
                thread.join(STOP_GRACE.toMillis());
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        log.info("FastAGI server on port {} stopped", serverSocket.getLocalPort());
    }

    @Override
    public void close() {
        stop();
    }

    /** The threads this server started that are still running (for leak tests). */
    Set<Thread> liveThreads() {
        return Set.copyOf(liveThreads);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing is best effort; the peer sees the connection drop either way
        }
    }
}
