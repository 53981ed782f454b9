package org.serveline.server.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./serveline demo} stopped with Ctrl-C (SIGINT to the JVM and its embedded mysqld) while its campaign has calls live: the server
 * stops dialling, lets the live calls settle, closes, and the embedded database stops last — nothing on the way down
 * is an exception or a stack trace, and every call left is accounted for. The demo runs in a JVM of its own (its
 * own embedded MariaDB, built-in PBX simulator, temp folder), bounded by {@code timeout --signal=KILL}.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class GracefulStopIntegrationTests {

    private static final Pattern CALLS_LIVE = Pattern.compile("^serveline_calls_live(\\{[^}]*})? (\\S+)$",
            Pattern.MULTILINE);

    @TempDir
    Path tmp;

    private Process process;

    @AfterEach
    void kill() {
        if (process != null && process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    @Test
    void ctrlCWhileCallsAreLiveSettlesThemAndStopsWithoutAStackTrace() throws Exception {
        int port = freePort();
        Path log = tmp.resolve("demo.log");
        process = new ProcessBuilder(List.of("timeout", "--signal=KILL", "200",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
                "org.serveline.server.ServelineApplication", "--spring.profiles.active=demo",
                "--server.port=" + port, "--serveline.simulator.time-scale=0.3",
                "--serveline.operations.call-settle-timeout=PT45S"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        // the demo's own campaign dials its parties: wait until calls are live
        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(200)).until(() -> {
            assertThat(process.isAlive()).as("the demo exited while starting:\n%s", tail(log)).isTrue();
            return callsLive(http, port) >= 1;
        });
        long logBeforeStop = Files.size(log);

        // Ctrl-C in a terminal: SIGINT to the whole foreground process group, the JVM and the embedded mysqld alike
        for (ProcessHandle child : process.descendants().toList()) {
            new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).start().waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the demo stopped in time:\n%s", tail(log)).isTrue();

        String wayDown = Files.readString(log, StandardCharsets.UTF_8).substring((int) logBeforeStop);
        assertThat(wayDown).contains("stopping: no new calls are placed");
        assertThat(wayDown).contains("stopping: waiting up to PT45S for");
        assertThat(wayDown.contains("stopping: every call of node")
                || wayDown.contains("still live after PT45S") && wayDown.contains("reconciliation"))
                .as("every call settled or named with the reason it is not:\n%s", wayDown).isTrue();
        assertThat(wayDown.lines().filter(line -> line.contains("Exception") || line.matches("\\s+at .*")
                || line.startsWith("Caused by")).toList()).as("exceptions on the way down:\n%s", wayDown).isEmpty();
        // the embedded database stopped after the application and removed its files (its own shutdown handler)
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("serveline-mariadb")))
                    .as("embedded MariaDB folders left behind").isEmpty();
        }
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(tmp.toString())))
                .as("processes of the demo still running").isEmpty();
    }

    private static double callsLive(HttpClient http, int port) {
        HttpRequest scrape = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("supervisor:supervisor".getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<String> response = http.send(scrape, HttpResponse.BodyHandlers.ofString());
            Matcher value = CALLS_LIVE.matcher(response.body());
            return response.statusCode() == 200 && value.find() ? Double.parseDouble(value.group(2)) : 0;
        } catch (IOException notYet) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
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
