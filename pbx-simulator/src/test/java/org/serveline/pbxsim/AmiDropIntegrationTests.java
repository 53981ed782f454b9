package org.serveline.pbxsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.serveline.pbxsim.ami.AmiMessage;
import org.serveline.pbxsim.party.PartyBehaviour;
import org.serveline.pbxsim.party.PartyTiming;

/** {@link PbxSimulator#dropAmiConnections()}: every manager is cut, calls in flight survive, managers log in again. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AmiDropIntegrationTests {

    @TempDir
    Path spool;

    private TestAgiServer agi;
    private PbxSimulator simulator;

    @BeforeEach
    void start() throws IOException {
        agi = new TestAgiServer(CallControlIntegrationTests.WAIT_FOREVER);
        PartyBehaviour patient = new PartyBehaviour.Silent(PartyTiming.DEFAULT.withHoldTime(Duration.ofHours(1)));
        simulator = new PbxSimulator(SimulatorConfig.builder().timeScale(0.01).spoolDir(spool)
                .defaultParty(patient).amiChannelVars(List.of("SERVELINE_ATTEMPT_ID")).build());
        simulator.start();
    }

    @AfterEach
    void stop() throws IOException {
        simulator.close();
        agi.close();
    }

    @Test
    void droppedManagersSeeEndOfStreamWhileTheCallGoesOnAndANewLoginListsIt() throws IOException {
        int port = simulator.ports().ami();
        try (TestAmiClient first = TestAmiClient.loggedIn(port, true);
             TestAmiClient second = TestAmiClient.loggedIn(port, false)) {
            first.send(SimulatedCall.originate("3001", agi.port(), "orig-3001"));
            first.readUntil(m -> !m.isEmpty() && m.get(m.size() - 1).getOrEmpty("Event").equals("AGIExecStart"));
            assertThat(simulator.amiConnections()).isEqualTo(2);

            assertThat(simulator.dropAmiConnections()).isEqualTo(2);

            assertThat(drainToEnd(first)).isTrue();
            assertThat(drainToEnd(second)).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> simulator.amiConnections() == 0);
            assertThat(simulator.channels()).hasSize(2);
        }
        try (TestAmiClient again = TestAmiClient.loggedIn(port, false)) {
            again.send("Action: CoreShowChannels", "ActionID: list-1");
            List<AmiMessage> list = again.readUntil(m -> !m.isEmpty()
                    && m.get(m.size() - 1).getOrEmpty("Event").equals("CoreShowChannelsComplete"));
            assertThat(list).filteredOn(m -> m.getOrEmpty("Event").equals("CoreShowChannel"))
                    .extracting(m -> m.getOrEmpty("ChanVariable")).contains("SERVELINE_ATTEMPT_ID=att-3001");
            assertThat(simulator.amiConnections()).isEqualTo(1);
        }
    }

    @Test
    void droppingWithNoManagerConnectedDropsNothing() {
        assertThat(simulator.dropAmiConnections()).isZero();
    }

    /** Reads until the server closes the stream; true if it did (a read timeout fails the test instead). */
    private static boolean drainToEnd(TestAmiClient client) throws IOException {
        while (client.read() != null) {
            // events already in flight before the cut
        }
        return true;
    }
}
