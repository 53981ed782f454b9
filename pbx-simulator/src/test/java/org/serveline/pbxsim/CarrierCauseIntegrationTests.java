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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.serveline.pbxsim.ami.AmiMessage;
import org.serveline.pbxsim.call.DialplanContext;
import org.serveline.pbxsim.party.PartyBehaviour;
import org.serveline.pbxsim.party.PartyTiming;

/**
 * The simulator plays every Q.850 cause a carrier gives before an answer, with the DialEnd status and the
 * OriginateResponse reason Asterisk derives from it; and it can die like a killed Asterisk.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CarrierCauseIntegrationTests {

    @TempDir
    Path spool;

    private PbxSimulator simulator;
    private TestAmiClient client;

    @BeforeEach
    void start() throws IOException {
        SimulatorConfig.Builder config = SimulatorConfig.builder().timeScale(0.01).spoolDir(spool);
        for (int cause : new int[] {1, 3, 17, 18, 19, 20, 21, 22, 27, 28, 34, 38, 41, 42, 44, 102, 127}) {
            config.party("99" + cause, PartyBehaviour.carrierCause(cause));
        }
        simulator = new PbxSimulator(config
                .party("5001", new PartyBehaviour.Silent(PartyTiming.DEFAULT.withHoldTime(Duration.ofHours(1))))
                .context("hold-test", DialplanContext.recordedHold()).build());
        client = TestAmiClient.loggedIn(simulator.start().ami(), true);
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        simulator.close();
    }

    @ParameterizedTest(name = "cause {0} -> DialEnd {1}, reason {2}")
    @CsvSource({"1, CHANUNAVAIL, 8", "3, CHANUNAVAIL, 8", "17, BUSY, 5", "18, NOANSWER, 3", "19, NOANSWER, 3",
            "20, CHANUNAVAIL, 8", "21, CHANUNAVAIL, 8", "22, CHANUNAVAIL, 8", "27, CHANUNAVAIL, 8",
            "28, CHANUNAVAIL, 8", "34, CONGESTION, 8", "38, CONGESTION, 8", "41, CONGESTION, 8", "42, CONGESTION, 8",
            "44, CONGESTION, 8", "102, NOANSWER, 3", "127, CHANUNAVAIL, 8"})
    void theCarriersCauseReachesThePartyHalfOfTheCall(int cause, String dialStatus, int reason) throws Exception {
        List<AmiMessage> events = SimulatedCall.run(client, "99" + cause, 1);

        assertThat(SimulatedCall.first(events, "Hangup", ";2").getOrEmpty("Cause")).isEqualTo(Integer.toString(cause));
        assertThat(SimulatedCall.first(events, "Hangup", ";1").getOrEmpty("Cause")).isEqualTo("0");
        assertThat(SimulatedCall.first(events, "DialEnd", "").getOrEmpty("DialStatus")).isEqualTo(dialStatus);
        AmiMessage response = SimulatedCall.first(events, "OriginateResponse", "");
        assertThat(response.getOrEmpty("Response")).isEqualTo("Failure");
        assertThat(response.getOrEmpty("Reason")).isEqualTo(Integer.toString(reason));
    }

    @Test
    void aCauseOutsideQ850IsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PartyBehaviour.carrierCause(0))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PartyBehaviour.carrierCause(128))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCrashedPbxLosesItsCallsWithoutAHangupEventAndTakesLoginsAgain() throws Exception {
        client.send(List.of("Action: Originate", "ActionID: orig-crash", "Channel: Local/5001@simulated-parties",
                "Context: hold-test", "Exten: s", "Priority: 1", "Timeout: 30000",
                "Variable: SERVELINE_ATTEMPT_ID=att-crash", "Async: true"));
        client.readUntil(messages -> messages.stream().anyMatch(m -> m.getOrEmpty("Event").equals("OriginateResponse")));
        await().atMost(Duration.ofSeconds(5)).until(() -> simulator.channels().size() == 2);

        assertThat(simulator.crash()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(5)).until(() -> simulator.channels().isEmpty());
        assertThat(simulator.counters().callsActive()).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> simulator.amiConnections() == 0);
        try (TestAmiClient again = TestAmiClient.loggedIn(simulator.ports().ami(), true)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> simulator.amiConnections() == 1);
        }
    }
}
