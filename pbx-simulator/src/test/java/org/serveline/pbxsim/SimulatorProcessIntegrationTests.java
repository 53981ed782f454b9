package org.serveline.pbxsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The simulator as a process of its own ({@link SimulatorProcess}), driven over its standard streams. */
@Timeout(120)
class SimulatorProcessIntegrationTests {

    @TempDir
    Path spool;

    @Test
    void aChildProcessReportsItsPortItsCallsAndItsLiveChannelsThenStopsWhenAsked() throws Exception {
        Process child = start("--time-scale", "1", "--default-party", "no-answer", "--event-filter", "serveline",
                "--spool", spool.toString());
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8)); Writer in = child.outputWriter(StandardCharsets.UTF_8)) {
            String ready = reply(out, "ready");
            int port = Integer.parseInt(ready.replaceAll("pbxsim ready ami=(\\d+)", "$1"));
            assertThat(ask(in, out, "counters")).isEqualTo("pbxsim counters started=0 ended=0 active=0 agi_turns=0");
            try (TestAmiClient client = TestAmiClient.loggedIn(port, false)) {
                // a party that never answers: the call rings for the Originate's 30 s
                client.send("Action: Originate", "ActionID: o1", "Channel: Local/5550042@simulated-parties",
                        "Context: serveline-outbound", "Exten: s", "Priority: 1", "Timeout: 30000", "Async: true",
                        "Variable: SERVELINE_TASK_ID=42,SERVELINE_ATTEMPT_ID=att-42");
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> ask(in, out, "channels").contains("42=att-42"));
                assertThat(ask(in, out, "counters")).startsWith("pbxsim counters started=1 ended=0 active=1");
                assertThat(ask(in, out, "originates 0")).matches("pbxsim originates n=1 us=\\d+");
                assertThat(ask(in, out, "originates 1")).isEqualTo("pbxsim originates n=0 us=");
            }
            assertThat(ask(in, out, "agi-turns")).isEqualTo("pbxsim agi-turns p50=NaN p99=NaN max=NaN");
            assertThat(ask(in, out, "events")).matches("pbxsim events passed=\\d+ filtered=\\d+");
            assertThat(ask(in, out, "reboot")).isEqualTo("pbxsim error unknown command 'reboot'");
            in.write("stop\n");
            in.flush();
            assertThat(reply(out, "stopped")).isEqualTo("pbxsim stopped");
            assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).isZero();
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void anUnknownOptionStopsTheProcessWithAClearMessage() throws Exception {
        Process child = start("--parties", "all");
        try {
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).isEqualTo(2);
            assertThat(new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                    .contains("unknown option --parties");
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void optionsAreReadOrRefused() throws IOException {
        SimulatorConfig config = SimulatorProcess.config(new String[] {"--time-scale", "0.5", "--event-filter",
                "serveline", "--spool", spool.toString(), "--default-party", "consent"});
        assertThat(config.timeScale()).isEqualTo(0.5);
        assertThat(config.amiPort()).isZero();
        assertThat(config.amiEventFilter()).isEqualTo(SimulatorConfig.servelineEventFilter());
        assertThat(config.partyFor("13800000000")).isInstanceOf(
                org.serveline.pbxsim.party.PartyBehaviour.consent().getClass());
        assertThat(SimulatorProcess.config(new String[] {"--spool", spool.toString()}).amiEventFilter()).isEmpty();
        assertThatThrownBy(() -> SimulatorProcess.config(new String[] {"--time-scale"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no value");
        assertThatThrownBy(() -> SimulatorProcess.config(new String[] {"--event-filter", "some"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("serveline or none");
        assertThatThrownBy(() -> SimulatorProcess.config(new String[] {"--default-party", "robot"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("robot");
    }

    @Test
    void theEndOfItsInputStopsTheControlLoop() throws IOException {
        try (PbxSimulator simulator = new PbxSimulator(SimulatorConfig.builder().spoolDir(spool).build())) {
            simulator.start();
            var bytes = new java.io.ByteArrayOutputStream();
            SimulatorProcess.serve(simulator, new BufferedReader(new java.io.StringReader(
                    "channels\ncounters\nagi-turns 3\noriginates 0\n")),
                    new PrintStream(bytes, true, StandardCharsets.UTF_8));
            assertThat(bytes.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly("pbxsim channels",
                    "pbxsim counters started=0 ended=0 active=0 agi_turns=0", "pbxsim agi-turns p50=NaN p99=NaN max=NaN",
                    "pbxsim originates n=0 us=", "pbxsim stopped");
        }
    }

    private static Process start(String... options) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin",
                "java").toString(), "-cp", System.getProperty("java.class.path"), SimulatorProcess.class.getName()));
        command.addAll(List.of(options));
        return new ProcessBuilder(command).start();
    }

    private static String ask(Writer in, BufferedReader out, String command) throws IOException {
        in.write(command + "\n");
        in.flush();
        return reply(out, "");
    }

    /** The next protocol line (log lines skipped); it must start with {@code pbxsim <word>}. */
    private static String reply(BufferedReader out, String word) throws IOException {
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("pbxsim " + word)) {
                return line;
            }
        }
        throw new AssertionError("the simulator process closed its output before 'pbxsim " + word + "'");
    }
}
