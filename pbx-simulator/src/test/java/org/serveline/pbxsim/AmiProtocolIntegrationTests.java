package org.serveline.pbxsim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.serveline.pbxsim.ami.AmiMessage;
import org.serveline.pbxsim.pjsip.ContactActions;

/** The manager protocol over a real socket: login schemes, session actions, errors and bad input. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AmiProtocolIntegrationTests {

    @TempDir
    Path spool;

    private PbxSimulator simulator;
    private int port;

    @BeforeEach
    void start() {
        simulator = new PbxSimulator(SimulatorConfig.builder().spoolDir(spool).timeScale(0.01)
                .contacts(List.of(new ContactActions.Contact("agent100", "sip:agent100@127.0.0.1:5062"))).build());
        port = simulator.start().ami();
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void bannerIsAsterisksWithCrLf() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            InputStream in = socket.getInputStream();
            byte[] expected = "Asterisk Call Manager/11.0.0\r\n".getBytes(StandardCharsets.US_ASCII);
            assertThat(in.readNBytes(expected.length)).isEqualTo(expected);
        }
    }

    @Test
    void plainLoginIsAnsweredAsInTheTrace() throws IOException {
        List<AmiMessage> real = AmiTrace.parse(Fixtures.raw("ami-1001.raw"));
        try (TestAmiClient client = TestAmiClient.connect(port)) {
            client.send("Action: Login", "ActionID: login-1", "Username: serveline", "Secret: serveline-secret", "Events: on");
            AmiMessage response = client.read();
            assertThat(response.headers()).isEqualTo(real.get(0).headers());
        }
    }

    @Test
    void badSecretIsRefusedAndTheConnectionClosed() throws IOException {
        try (TestAmiClient client = TestAmiClient.connect(port)) {
            client.send("Action: Login", "ActionID: a1", "Username: serveline", "Secret: wrong");
            AmiMessage response = client.read();
            assertThat(response.getOrEmpty("Response")).isEqualTo("Error");
            assertThat(response.getOrEmpty("ActionID")).isEqualTo("a1");
            assertThat(response.getOrEmpty("Message")).isEqualTo("Authentication failed");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void md5ChallengeLoginIsAccepted() throws Exception {
        try (TestAmiClient client = TestAmiClient.connect(port)) {
            client.send("Action: Challenge", "ActionID: c1", "AuthType: md5");
            AmiMessage challenge = client.read();
            assertThat(challenge.getOrEmpty("Response")).isEqualTo("Success");
            String nonce = challenge.getOrEmpty("Challenge");
            assertThat(nonce).matches("\\d+");
            String key = HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest((nonce + "serveline-secret").getBytes(StandardCharsets.UTF_8)));
            client.send("Action: Login", "ActionID: l1", "AuthType: MD5", "Username: serveline", "Key: " + key, "Events: off");
            AmiMessage login = client.read();
            assertThat(login.getOrEmpty("Message")).isEqualTo("Authentication accepted");
            client.send("Action: Ping", "ActionID: p1");
            AmiMessage pong = client.read();
            assertThat(pong.getOrEmpty("Ping")).isEqualTo("Pong");
            assertThat(pong.getOrEmpty("ActionID")).isEqualTo("p1");
        }
    }

    @Test
    void md5LoginWithAWrongKeyIsRefused() throws IOException {
        try (TestAmiClient client = TestAmiClient.connect(port)) {
            client.send("Action: Challenge", "AuthType: md5");
            client.read();
            client.send("Action: Login", "AuthType: md5", "Username: serveline", "Key: 0123456789abcdef0123456789abcdef");
            assertThat(client.read().getOrEmpty("Message")).isEqualTo("Authentication failed");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void actionsBeforeLoginArePermissionDenied() throws IOException {
        try (TestAmiClient client = TestAmiClient.connect(port)) {
            client.send("Action: Originate", "ActionID: o1", "Channel: Local/1001@x");
            AmiMessage response = client.read();
            assertThat(response.getOrEmpty("Response")).isEqualTo("Error");
            assertThat(response.getOrEmpty("Message")).isEqualTo("Permission denied");
            assertThat(simulator.counters().callsStarted()).isZero();
        }
    }

    @Test
    void unknownActionIsAnInvalidCommand() throws IOException {
        try (TestAmiClient client = TestAmiClient.loggedIn(port, false)) {
            client.send("Action: MakeCoffee", "ActionID: u1");
            AmiMessage response = client.read();
            assertThat(response.getOrEmpty("Response")).isEqualTo("Error");
            assertThat(response.getOrEmpty("ActionID")).isEqualTo("u1");
            assertThat(response.getOrEmpty("Message"))
                    .isEqualTo("Invalid/unknown command: MakeCoffee. Use Action: ListCommands to show available commands.");
        }
    }

    @Test
    void garbageAndOverlongLinesDoNotKillTheServer() throws IOException {
        try (TestAmiClient client = TestAmiClient.loggedIn(port, false)) {
            client.sendRaw("this is not AMI\r\n\u0000\u00ff binary\r\n\r\n");
            AmiMessage missing = client.read();
            assertThat(missing.getOrEmpty("Message")).isEqualTo("Missing action in request");
            client.sendRaw("X-Long: " + "x".repeat(20_000) + "\r\n\r\n");
            client.send("Action: Ping", "ActionID: after-garbage");
            List<AmiMessage> before = new ArrayList<>();
            AmiMessage pong = client.readResponse("after-garbage", before);
            assertThat(pong.getOrEmpty("Ping")).isEqualTo("Pong");
        }
        try (TestAmiClient other = TestAmiClient.loggedIn(port, false)) {
            other.send("Action: Ping", "ActionID: second-client");
            assertThat(other.read().getOrEmpty("Response")).isEqualTo("Success");
        }
    }

    @Test
    void originateWithoutChannelIsAnError() throws IOException {
        try (TestAmiClient client = TestAmiClient.loggedIn(port, false)) {
            client.send("Action: Originate", "ActionID: o2", "Context: x", "Exten: s", "Async: true");
            AmiMessage response = client.read();
            assertThat(response.getOrEmpty("Response")).isEqualTo("Error");
            assertThat(response.getOrEmpty("Message")).isEqualTo("Channel not specified");
        }
    }

    @Test
    void hangupOfAnUnknownChannelIsAnError() throws IOException {
        try (TestAmiClient client = TestAmiClient.loggedIn(port, false)) {
            client.send("Action: Hangup", "ActionID: h1", "Channel: Local/none@nowhere-00000000;1");
            assertThat(client.read().getOrEmpty("Message")).isEqualTo("No such channel");
        }
    }

    @Test
    void aMalformedHangupPatternIsAnErrorNotADisconnect() throws IOException {
        try (TestAmiClient client = TestAmiClient.loggedIn(port, false)) {
            client.send("Action: Hangup", "ActionID: h2", "Channel: /Local/(unclosed/");
            assertThat(client.read().getOrEmpty("Message")).isEqualTo("Invalid regex");
            client.send("Action: Ping", "ActionID: still-here");
            assertThat(client.read().getOrEmpty("Ping")).isEqualTo("Pong");
        }
    }

    @Test
    void aBusyAmiPortIsAClearStartUpError() {
        PbxSimulator second = new PbxSimulator(SimulatorConfig.builder().spoolDir(spool).amiPort(port).build());
        org.assertj.core.api.Assertions.assertThatThrownBy(second::start)
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot listen for AMI");
        org.awaitility.Awaitility.await().atMost(5, TimeUnit.SECONDS)
                .until(() -> LoadIntegrationTests.liveThreads(second.threadPrefix()) == 0);
    }

    @Test
    void eventsCanBeSwitchedOffAndOn() throws IOException {
        try (TestAmiClient client = TestAmiClient.loggedIn(port, true)) {
            client.send("Action: Events", "ActionID: e1", "EventMask: off");
            List<AmiMessage> before = new ArrayList<>();
            AmiMessage off = client.readResponse("e1", before);
            assertThat(off.getOrEmpty("Events")).isEqualTo("Off");
            client.send("Action: Originate", "ActionID: o3", "Channel: Local/1004@simulated-parties",
                    "Context: nowhere", "Exten: s", "Async: true");
            client.readResponse("o3", before);
            org.awaitility.Awaitility.await().atMost(5, TimeUnit.SECONDS)
                    .until(() -> simulator.counters().callsEnded() == 1);
            client.send("Action: Ping", "ActionID: fence");
            List<AmiMessage> between = new ArrayList<>();
            client.readResponse("fence", between);
            assertThat(between).as("no events while off").isEmpty();
            client.send("Action: Events", "ActionID: e2", "EventMask: on");
            assertThat(client.readResponse("e2", between).getOrEmpty("Events")).isEqualTo("On");
        }
    }

    @Test
    void logoffSaysGoodbyeAndCloses() throws IOException {
        try (TestAmiClient client = TestAmiClient.loggedIn(port, false)) {
            client.send("Action: Logoff", "ActionID: logoff-1");
            AmiMessage goodbye = client.read();
            List<AmiMessage> real = AmiTrace.parse(Fixtures.raw("ami-1001.raw"));
            assertThat(goodbye.headers()).isEqualTo(real.get(real.size() - 1).headers());
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void queueMembersCanBeAddedPausedAndRemoved() throws IOException {
        try (TestAmiClient client = TestAmiClient.loggedIn(port, false)) {
            client.send("Action: QueueAdd", "ActionID: q1", "Queue: operators", "Interface: PJSIP/agent100");
            assertThat(client.read().getOrEmpty("Message")).isEqualTo("Added interface to queue");
            client.send("Action: QueueAdd", "ActionID: q2", "Queue: operators", "Interface: PJSIP/agent100");
            assertThat(client.read().getOrEmpty("Message")).isEqualTo("Unable to add interface: Already there");
            client.send("Action: QueuePause", "ActionID: q3", "Queue: operators", "Interface: PJSIP/agent100", "Paused: true");
            assertThat(client.read().getOrEmpty("Message")).isEqualTo("Interface paused successfully");
            assertThat(simulator.queues().paused("operators", "PJSIP/agent100")).isTrue();
            client.send("Action: QueueRemove", "ActionID: q4", "Queue: operators", "Interface: PJSIP/agent100");
            assertThat(client.read().getOrEmpty("Message")).isEqualTo("Removed interface from queue");
            client.send("Action: QueuePause", "ActionID: q5", "Interface: PJSIP/agent100", "Paused: false");
            assertThat(client.read().getOrEmpty("Message")).isEqualTo("Interface not found");
        }
    }

    @Test
    void pjsipShowContactsListsTheConfiguredContacts() throws IOException {
        try (TestAmiClient client = TestAmiClient.loggedIn(port, false)) {
            client.send("Action: PJSIPShowContacts", "ActionID: c1");
            List<AmiMessage> list = client.readUntil(m -> !m.isEmpty()
                    && m.get(m.size() - 1).getOrEmpty("Event").equals("ContactListComplete"));
            assertThat(list.get(0).getOrEmpty("EventList")).isEqualTo("start");
            assertThat(list.get(1).getOrEmpty("Endpoint")).isEqualTo("agent100");
            assertThat(list.get(1).getOrEmpty("ActionID")).isEqualTo("c1");
            assertThat(list.get(2).getOrEmpty("ListItems")).isEqualTo("1");
        }
    }
}
