package org.serveline.pbxsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.serveline.pbxsim.ami.AmiMessage;
import org.serveline.pbxsim.party.PartyBehaviour;

/** Not a benchmark: the simulator holds thousands of calls at once on its few event-loop threads. */
class LoadIntegrationTests {

    static final int CALLS = 2000;

    @TempDir
    Path spool;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void holdsTwoThousandRingingCallsAtOnceThenEndsThemAll() throws IOException {
        SimulatorConfig config = SimulatorConfig.builder().timeScale(0.01).spoolDir(spool)
                .defaultParty(PartyBehaviour.noAnswer()).eventLoopThreads(2).build();
        try (PbxSimulator simulator = new PbxSimulator(config);
                TestAmiClient client = TestAmiClient.loggedIn(simulator.start().ami(), false)) {
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < CALLS; i++) {
                // 1000 s of ringing at scale 0.01 is 10 s: far longer than it takes to place them all
                batch.append("Action: Originate\r\nActionID: load-").append(i)
                        .append("\r\nChannel: Local/").append(700000 + i).append("@simulated-parties")
                        .append("\r\nContext: serveline-outbound\r\nExten: s\r\nTimeout: 1000000")
                        .append("\r\nVariable: SERVELINE_ATTEMPT_ID=load-").append(i).append("\r\nAsync: true\r\n\r\n");
            }
            client.sendRaw(batch.toString());
            List<AmiMessage> responses = new ArrayList<>();
            client.readResponse("load-" + (CALLS - 1), responses);
            assertThat(responses).hasSize(CALLS - 1)
                    .allMatch(r -> r.getOrEmpty("Message").equals("Originate successfully queued"));

            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                    .until(() -> simulator.counters().callsActive() == CALLS);
            assertThat(simulator.channels()).hasSize(2 * CALLS);
            assertThat(simulator.counters().callsEnded()).isZero();

            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(50))
                    .until(() -> simulator.counters().callsEnded() == CALLS);
            assertThat(simulator.counters().callsActive()).isZero();
            assertThat(simulator.channels()).isEmpty();
            assertThat(liveThreads(simulator.threadPrefix())).as("no thread per call").isLessThanOrEqualTo(3);
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void closeLeavesNoThreadBehind() throws Exception {
        PbxSimulator simulator = new PbxSimulator(SimulatorConfig.builder().timeScale(0.01).spoolDir(spool).build());
        try (TestAgiServer agi = new TestAgiServer(TestAgiServer.TRACE_SCRIPT)) {
            try (TestAmiClient client = TestAmiClient.loggedIn(simulator.start().ami(), true)) {
                SimulatedCall.run(client, "1001", agi.port());
                await().atMost(Duration.ofSeconds(10)).until(() -> spool.resolve("att-1001.wav").toFile().exists());
                assertThat(liveThreads(simulator.threadPrefix())).isPositive();
            }
            simulator.close();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> liveThreads(simulator.threadPrefix()) == 0);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void timesEveryTurnOfTheFastAgiServer() throws Exception {
        PbxSimulator simulator = new PbxSimulator(SimulatorConfig.builder().timeScale(0.01).spoolDir(spool).build());
        try (TestAgiServer agi = new TestAgiServer(TestAgiServer.TRACE_SCRIPT);
                TestAmiClient client = TestAmiClient.loggedIn(simulator.start().ami(), true)) {
            SimulatedCall.run(client, "1001", agi.port());
            long commands = agi.nextSession().transcript().stream().filter(l -> l.startsWith(">> ")).count();

            assertThat(commands).isPositive();
            await().atMost(Duration.ofSeconds(10)).until(() -> simulator.counters().agiTurns().measured() == commands);
            assertThat(simulator.counters().agiTurns().percentileMillis(100)).isBetween(0.0, 15_000.0);
        } finally {
            simulator.close();
        }
    }

    static long liveThreads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(prefix + "-")).count();
    }
}
