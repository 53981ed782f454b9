package org.serveline.server.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Serveline node in a JVM of its own ({@code ServelineApplication} from this JVM's class path, test profile),
 * on a database named by {@code SERVELINE_DB_URL}. It lives at most {@code ttl} ({@code timeout --signal=KILL}),
 * so it stops by itself even if the harness dies; {@link #kill()} is a SIGKILL, {@link #close()} a SIGTERM.
 */
public final class NodeProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private NodeProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the node; {@code properties} become {@code --key=value} arguments. Returns at once. */
    public static NodeProcess start(String name, GaleraCluster cluster, String jdbcUrl, Map<String, String> properties,
            Path log, Duration ttl, String classPath) {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of("timeout", "--signal=KILL", Long.toString(ttl.toSeconds()),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Duser.timezone=UTC", "-cp", classPath,
                "org.serveline.server.ServelineApplication", "--spring.profiles.active=test", "--server.port=" + port));
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("SERVELINE_DB_URL", jdbcUrl);
        builder.environment().put("SERVELINE_DB_USER", cluster.user());
        builder.environment().put("SERVELINE_DB_PASSWORD", cluster.password());
        try {
            return new NodeProcess(name, builder.start(), port, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until the node is ready for traffic (its readiness probe: the whole health also weighs the PBX links and
     * the recording spool, which a node may lack at first); fails with its log's tail if it exits or takes longer.
     */
    public NodeProcess awaitUp(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited (" + process.exitValue() + ") while starting:\n" + tail(60));
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                process.waitFor(500, TimeUnit.MILLISECONDS); // a poll period that ends early if the node exits
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(name + " did not come up in " + timeout + ":\n" + tail(60));
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    /** SIGKILL to the node's JVM (and the {@code timeout} wrapper): no shutdown hook, no goodbye. */
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(20));
    }

    /** CPU time the node's JVM has spent (all its threads); zero once it is gone. */
    public Duration cpu() {
        return process.descendants().map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
    }

    /** Lines of the node's log that contain {@code text}. */
    public long logLines(String text) {
        try (var lines = Files.lines(log)) {
            return lines.filter(line -> line.contains(text)).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroy);
            if (!awaitExit(Duration.ofSeconds(30))) {
                kill();
            }
        }
    }

    private boolean awaitExit(Duration timeout) {
        try {
            boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            return exited;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
