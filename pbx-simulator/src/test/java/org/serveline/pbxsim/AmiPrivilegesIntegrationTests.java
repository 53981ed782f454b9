package org.serveline.pbxsim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.serveline.pbxsim.ami.AmiMessage;
import org.serveline.pbxsim.pjsip.ContactActions;

/**
 * A manager user with Serveline's shipped {@code write = originate,call,reporting}: the simulator refuses what
 * Asterisk 22 would refuse that user ({@code Permission denied}) and answers the rest.
 */
class AmiPrivilegesIntegrationTests {

    @TempDir
    Path spool;

    private PbxSimulator simulator;
    private int port;

    @BeforeEach
    void start() {
        simulator = new PbxSimulator(SimulatorConfig.builder().spoolDir(spool).timeScale(0.01)
                .amiWrite(Set.of("originate", "call", "reporting"))
                .contacts(List.of(new ContactActions.Contact("agent100", "sip:agent100@127.0.0.1:5062"))).build());
        port = simulator.start().ami();
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void pjsipShowContactsNeedsSystemAndIsRefused() throws IOException {
        try (TestAmiClient client = TestAmiClient.loggedIn(port, false)) {
            client.send("Action: PJSIPShowContacts", "ActionID: c1");
            AmiMessage response = client.read();
            assertThat(response.getOrEmpty("Response")).isEqualTo("Error");
            assertThat(response.getOrEmpty("ActionID")).isEqualTo("c1");
            assertThat(response.getOrEmpty("Message")).isEqualTo("Permission denied");

            client.send("Action: QueueAdd", "ActionID: q1", "Queue: operators", "Interface: PJSIP/agent100");
            assertThat(client.read().getOrEmpty("Message")).isEqualTo("Permission denied");
            assertThat(simulator.queues().paused("operators", "PJSIP/agent100")).isNull();
        }
    }

    @Test
    void deviceStateListNeedsOnlyReportingAndListsTheRegisteredEndpoint() throws IOException {
        try (TestAmiClient client = TestAmiClient.loggedIn(port, false)) {
            client.send("Action: DeviceStateList", "ActionID: d1");
            List<AmiMessage> list = client.readUntil(m -> !m.isEmpty()
                    && m.get(m.size() - 1).getOrEmpty("Event").equals("DeviceStateListComplete"));
            assertThat(list.get(0).getOrEmpty("Response")).isEqualTo("Success");
            assertThat(list.get(0).getOrEmpty("EventList")).isEqualTo("start");
            assertThat(list.get(1).getOrEmpty("Event")).isEqualTo("DeviceStateChange");
            assertThat(list.get(1).getOrEmpty("ActionID")).isEqualTo("d1");
            assertThat(list.get(1).getOrEmpty("Device")).isEqualTo("PJSIP/agent100");
            assertThat(list.get(1).getOrEmpty("State")).isEqualTo("NOT_INUSE");
            assertThat(list.get(2).getOrEmpty("ListItems")).isEqualTo("1");
        }
    }

    @Test
    void actionsWithinWriteAndThoseThatNeedNoClassAreAnswered() throws IOException {
        try (TestAmiClient client = TestAmiClient.loggedIn(port, false)) {
            client.send("Action: Ping", "ActionID: p1");
            assertThat(client.read().getOrEmpty("Ping")).isEqualTo("Pong");
            client.send("Action: CoreSettings", "ActionID: s1");
            assertThat(client.read().getOrEmpty("AsteriskVersion")).isEqualTo("22.10.1");
            client.send("Action: Hangup", "ActionID: h1", "Channel: PJSIP/nobody-00000001");
            assertThat(client.read().getOrEmpty("Message")).isNotEqualTo("Permission denied");
        }
    }
}
