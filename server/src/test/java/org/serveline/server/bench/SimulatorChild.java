package org.serveline.server.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.serveline.pbxsim.SimulatorProcess;

/**
 * The PBX simulator in a JVM of its own ({@link SimulatorProcess}), started with this JVM's classpath, so that the
 * bench's JVM spends CPU on the server alone. Asked over the child's standard streams for its counters, its AGI
 * turn times and its live channels; its log lines are echoed with a {@code [pbx]} prefix.
 */
final class SimulatorChild implements AutoCloseable {

    /** Calls started and ended on the PBX, and the FastAGI turns it timed. */
    record Counters(long started, long ended, long active, long agiTurns) {
    }

    private final Process process;
    private final Writer commands;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final int amiPort;

    private SimulatorChild(Process process) throws IOException {
        this.process = process;
        this.commands = process.outputWriter(StandardCharsets.UTF_8);
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Thread.ofPlatform().name("bench-pbx-output").daemon().start(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("pbxsim ")) {
                        replies.add(line.substring("pbxsim ".length()));
                    } else {
                        System.out.println("[pbx] " + line);
                    }
                }
            } catch (IOException e) {
                replies.add("error output closed: " + e.getMessage());
            }
            replies.add("error the simulator process ended");
        });
        String ready = next();
        if (!ready.startsWith("ready ami=")) {
            process.destroyForcibly();
            throw new IllegalStateException("the simulator process did not start: " + ready);
        }
        this.amiPort = Integer.parseInt(ready.substring("ready ami=".length()));
    }

    /** Starts {@code java -Xmx<heap> -cp <this classpath> SimulatorProcess <options>}; returns once it listens. */
    static SimulatorChild start(String heap, String... options) throws IOException {
        // logback's default would log Netty at DEBUG: the simulator's own INFO lines only
        Path logging = Files.createTempFile("bench-pbx-logback", ".xml");
        Files.writeString(logging, """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
                  </appender>
                  <logger name="io.netty" level="WARN"/>
                  <root level="INFO"><appender-ref ref="OUT"/></root>
                </configuration>
                """);
        logging.toFile().deleteOnExit();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx" + heap, "-Dlogback.configurationFile=" + logging, "-cp",
                System.getProperty("java.class.path"), SimulatorProcess.class.getName()));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().remove("JDK_JAVA_OPTIONS"); // a profiler or a flag meant for the server's JVM
        return new SimulatorChild(builder.start());
    }

    int amiPort() {
        return amiPort;
    }

    synchronized Counters counters() {
        Map<String, Long> values = fields(ask("counters"), "counters");
        return new Counters(values.get("started"), values.get("ended"), values.get("active"), values.get("agi_turns"));
    }

    /** {@code [p50, p99, max]} of the FastAGI servers' turns after the first {@code skip}, in ms (NaN: none). */
    synchronized double[] agiTurnMillis(long skip) {
        String[] parts = ask("agi-turns " + skip).split(" ");
        double[] millis = new double[3];
        for (int i = 0; i < 3; i++) {
            millis[i] = Double.parseDouble(parts[i + 1].substring(parts[i + 1].indexOf('=') + 1));
        }
        return millis;
    }

    /** Live channels' attempt ids by their task id ({@code SERVELINE_TASK_ID} to {@code SERVELINE_ATTEMPT_ID}s). */
    synchronized Map<String, Set<String>> liveAttemptsByTask() {
        String reply = ask("channels");
        Map<String, Set<String>> byTask = new HashMap<>();
        for (String pair : reply.substring("channels".length()).strip().split(" ")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                byTask.computeIfAbsent(pair.substring(0, equals), t -> new HashSet<>()).add(pair.substring(equals + 1));
            }
        }
        return byTask;
    }

    /** When each Originate after the first {@code skip} arrived, in µs on the simulator's clock, ascending. */
    synchronized List<Long> originateTimes(int skip) {
        String reply = ask("originates " + skip);
        if (!reply.startsWith("originates n=")) {
            throw new IllegalStateException("expected 'originates ...' from the simulator, got " + reply);
        }
        String list = reply.substring(reply.indexOf(" us=") + 4);
        return list.isEmpty() ? List.of()
                : java.util.Arrays.stream(list.split(",")).map(Long::valueOf).toList();
    }

    /** AMI events sent and held back by the user's eventfilter. */
    synchronized Map<String, Long> amiEvents() {
        return fields(ask("events"), "events");
    }

    /** The child's CPU time so far (all its threads, GC and JIT included). */
    Duration cpu() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private String ask(String command) {
        try {
            commands.write(command + "\n");
            commands.flush();
        } catch (IOException e) {
            throw new IllegalStateException("the simulator process does not take commands", e);
        }
        return next();
    }

    private String next() {
        try {
            String reply = replies.poll(60, TimeUnit.SECONDS);
            if (reply == null || reply.startsWith("error")) {
                throw new IllegalStateException("the simulator process answered " + reply);
            }
            return reply;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Long> fields(String reply, String word) {
        if (!reply.startsWith(word + " ")) {
            throw new IllegalStateException("expected '" + word + " ...' from the simulator, got " + reply);
        }
        Map<String, Long> values = new HashMap<>();
        for (String field : reply.substring(word.length() + 1).split(" ")) {
            int equals = field.indexOf('=');
            values.put(field.substring(0, equals), Long.parseLong(field.substring(equals + 1)));
        }
        return values;
    }

    @Override
    public synchronized void close() throws InterruptedException {
        try {
            commands.write("stop\n");
            commands.flush();
            commands.close();
        } catch (IOException e) {
            // already gone: destroyed below if not
        }
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
