package org.serveline.server.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay in front of the FastAGI server that times the server's turn: from the moment the PBX's line (the
 * request environment's blank line, or a {@code 200 result=} reply) has passed, to the first byte of the server's
 * next command. That is the FastAGI server's latency as the PBX sees it, loopback relay included.
 */
final class AgiLatencyProxy implements AutoCloseable {

    private static final int MAX_SAMPLES = 4_000_000;

    private final InetSocketAddress upstream;
    private final ServerSocket listener;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final long[] samples = new long[MAX_SAMPLES];
    private final AtomicInteger sampleCount = new AtomicInteger();
    private final AtomicInteger sessions = new AtomicInteger();

    AgiLatencyProxy(InetSocketAddress upstream) throws IOException {
        this.upstream = upstream;
        this.listener = new ServerSocket(0, 4096, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    int sessions() {
        return sessions.get();
    }

    /** The p-th percentile (0..100) of the server's turn in milliseconds; NaN when nothing was measured. */
    double percentileMillis(double p) {
        int n = Math.min(sampleCount.get(), MAX_SAMPLES);
        if (n == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(samples, n);
        Arrays.sort(sorted);
        int index = (int) Math.min(n - 1, Math.max(0, Math.ceil(p / 100.0 * n) - 1));
        return sorted[index] / 1_000_000.0;
    }

    int measured() {
        return Math.min(sampleCount.get(), MAX_SAMPLES);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket pbx = listener.accept();
                threads.execute(() -> relay(pbx));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void relay(Socket pbx) {
        sessions.incrementAndGet();
        try (pbx; Socket server = new Socket(upstream.getAddress(), upstream.getPort())) {
            AtomicLong pbxLineAt = new AtomicLong();
            Thread toServer = Thread.ofVirtual().start(() -> pump(pbx, server, pbxLineAt, true));
            pump(server, pbx, pbxLineAt, false);
            toServer.join();
        } catch (IOException e) {
            // the upstream refused: the PBX sees the connection close, as it would without the relay
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pump(Socket from, Socket to, AtomicLong pbxLineAt, boolean fromPbx) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                long now = System.nanoTime();
                if (fromPbx) {
                    if (buffer[n - 1] == '\n') {
                        pbxLineAt.set(now);
                    }
                } else {
                    long since = pbxLineAt.getAndSet(0);
                    if (since != 0) {
                        record(now - since);
                    }
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed; closing both ends the other pump
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void record(long nanos) {
        int i = sampleCount.getAndIncrement();
        if (i < MAX_SAMPLES) {
            samples[i] = nanos;
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        threads.shutdownNow();
    }
}
