package org.serveline.pbxsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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

/** AMI actions on a live call (listing, variables, hangup, redirect) and FastAGI bad input. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CallControlIntegrationTests {

    /** Answers, then waits for a digit forever: the call stays up until someone hangs up. */
    static final TestAgiServer.Script WAIT_FOREVER = c -> {
        c.send("ANSWER");
        c.send("WAIT FOR DIGIT -1");
        c.awaitHangupLine();
    };

    @TempDir
    Path spool;

    private TestAgiServer agi;
    private PbxSimulator simulator;
    private TestAmiClient client;
    private final List<AmiMessage> seen = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        agi = new TestAgiServer(c -> {
            if (c.env().get("agi_network_script").startsWith("consent")) {
                c.send("STREAM FILE consent-question \"\"");
                c.send("HANGUP");
                c.awaitHangupLine();
            } else if (c.env().get("agi_network_script").contains("att-garbage")) {
                c.send("MAKE COFFEE NOW");
                c.send("HANGUP");
                c.awaitHangupLine();
            } else {
                WAIT_FOREVER.run(c);
            }
        });
        PartyBehaviour patient = new PartyBehaviour.Silent(PartyTiming.DEFAULT.withHoldTime(Duration.ofHours(1)));
        simulator = new PbxSimulator(SimulatorConfig.builder().timeScale(0.01).spoolDir(spool)
                .defaultParty(patient).agiIdleTimeout(Duration.ofMillis(300))
                .amiChannelVars(List.of("SERVELINE_ATTEMPT_ID")).build());
        client = TestAmiClient.loggedIn(simulator.start().ami(), true);
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        simulator.close();
        agi.close();
    }

    private String liveCall(String number) throws IOException {
        client.send(SimulatedCall.originate(number, agi.port(), "orig-" + number));
        List<AmiMessage> events = client.readUntil(m -> !m.isEmpty()
                && m.get(m.size() - 1).getOrEmpty("Event").equals("AGIExecStart")
                && m.get(m.size() - 1).getOrEmpty("Command").startsWith("WAIT FOR DIGIT"));
        seen.addAll(events);
        return SimulatedCall.first(events, "Newchannel", ";1").getOrEmpty("Channel");
    }

    /** Reads until the call is over, counting what was already read for it. */
    private List<AmiMessage> readRestOfCall() throws IOException {
        List<AmiMessage> rest = client.readUntil(m -> {
            List<AmiMessage> all = new ArrayList<>(seen);
            all.addAll(m);
            return SimulatedCall.over(all);
        });
        seen.addAll(rest);
        return rest;
    }

    private AmiMessage action(String... lines) throws IOException {
        String id = lines[1].substring("ActionID: ".length());
        client.send(lines);
        return client.readResponse(id, seen);
    }

    @Test
    void liveChannelsAreListedWithTheirAttemptVariable() throws IOException {
        String one = liveCall("2001");
        String two = one.replace(";1", ";2");
        AmiMessage start = action("Action: CoreShowChannels", "ActionID: list-1");
        assertThat(start.getOrEmpty("EventList")).isEqualTo("start");
        List<AmiMessage> list = client.readUntil(m -> !m.isEmpty()
                && m.get(m.size() - 1).getOrEmpty("Event").equals("CoreShowChannelsComplete"));
        List<AmiMessage> channels = list.stream().filter(m -> m.getOrEmpty("Event").equals("CoreShowChannel")).toList();
        assertThat(channels).extracting(m -> m.getOrEmpty("Channel")).containsExactly(one, two);
        assertThat(channels.get(0).getOrEmpty("ChanVariable")).isEqualTo("SERVELINE_ATTEMPT_ID=att-2001");
        assertThat(channels.get(0).getOrEmpty("Application")).isEqualTo("AGI");
        assertThat(list.get(list.size() - 1).getOrEmpty("ListItems")).isEqualTo("2");

        action("Action: Status", "ActionID: st-1", "Variables: SERVELINE_ATTEMPT_ID,TASK_ID");
        List<AmiMessage> status = client.readUntil(m -> !m.isEmpty()
                && m.get(m.size() - 1).getOrEmpty("Event").equals("StatusComplete"));
        assertThat(status.get(0).getAll("Variable"))
                .containsExactly("SERVELINE_ATTEMPT_ID=att-2001", "TASK_ID=task-2001");
    }

    @Test
    void variablesCanBeReadAndSet() throws IOException {
        String one = liveCall("2002");
        AmiMessage get = action("Action: Getvar", "ActionID: g1", "Channel: " + one, "Variable: SERVELINE_ATTEMPT_ID");
        assertThat(get.getOrEmpty("Value")).isEqualTo("att-2002");
        AmiMessage set = action("Action: Setvar", "ActionID: s1", "Channel: " + one, "Variable: RESULT", "Value: served");
        assertThat(set.getOrEmpty("Message")).isEqualTo("Variable Set");
        assertThat(seen).anyMatch(e -> e.getOrEmpty("Event").equals("VarSet") && e.getOrEmpty("Variable").equals("RESULT")
                && e.getOrEmpty("Value").equals("served"));
        assertThat(action("Action: Getvar", "ActionID: g2", "Channel: " + one, "Variable: RESULT").getOrEmpty("Value"))
                .isEqualTo("served");
        assertThat(action("Action: Getvar", "ActionID: g3", "Channel: Local/x@y-00000000;1", "Variable: RESULT")
                .getOrEmpty("Response")).isEqualTo("Error");
    }

    @Test
    void managerHangupEndsTheAgiWithHangupAndTheCall() throws Exception {
        String one = liveCall("2003");
        assertThat(action("Action: Hangup", "ActionID: h1", "Channel: " + one).getOrEmpty("Message"))
                .isEqualTo("Channel Hungup");
        List<AmiMessage> rest = readRestOfCall();
        TestAgiServer.Session session = agi.nextSession();
        assertThat(session.replies()).contains("200 result=-1");
        assertThat(session.transcript()).endsWith("<< HANGUP");
        assertThat(SimulatedCall.first(rest, "Hangup", ";1").getOrEmpty("Cause")).isEqualTo("16");
        await().atMost(5, TimeUnit.SECONDS).until(() -> simulator.counters().callsActive() == 0);
    }

    @Test
    void managerHangupOfARingingCallFailsTheOriginate() throws Exception {
        client.send(SimulatedCall.originate("1003", agi.port(), "orig-1003").stream()
                .map(l -> l.startsWith("Timeout:") ? "Timeout: 3600000" : l).toList());
        List<AmiMessage> ringing = client.readUntil(m -> !m.isEmpty()
                && m.get(m.size() - 1).getOrEmpty("DialStatus").equals("RINGING"));
        seen.addAll(ringing);
        String two = SimulatedCall.first(ringing, "Newchannel", ";2").getOrEmpty("Channel");
        action("Action: Hangup", "ActionID: h3", "Channel: " + two, "Cause: 21");
        List<AmiMessage> rest = readRestOfCall();
        AmiMessage response = SimulatedCall.first(rest, "OriginateResponse", "");
        assertThat(response.getOrEmpty("Response")).isEqualTo("Failure");
        assertThat(response.getOrEmpty("Reason")).isEqualTo("1");
        assertThat(SimulatedCall.first(rest, "Hangup", ";2").getOrEmpty("Cause")).isEqualTo("21");
        assertThat(agi.hadSession()).isFalse();
    }

    @Test
    void redirectRunsTheNewContextWithANewAgi() throws Exception {
        String one = liveCall("2004");
        client.send("Action: Redirect", "ActionID: r1", "Channel: " + one, "Context: serveline-consent", "Exten: s",
                "Priority: 1");
        List<AmiMessage> events = readRestOfCall();
        assertThat(events).anyMatch(m -> "r1".equals(m.getOrEmpty("ActionID"))
                && m.getOrEmpty("Message").equals("Redirect successful"));
        TestAgiServer.Session first = agi.nextSession();
        assertThat(first.transcript()).contains("<< HANGUP");
        TestAgiServer.Session second = agi.nextSession();
        assertThat(second.env()).containsEntry("agi_context", "serveline-consent")
                .containsEntry("agi_network_script", "consent?attempt=att-2004");
        assertThat(second.replies()).contains("200 result=0 endpos=11234", "200 result=1");
    }

    @Test
    void aSynchronousOriginateAnswersWithTheOutcomeInsteadOfAnEvent() throws Exception {
        client.send("Action: Originate", "ActionID: sync-busy", "Channel: Local/1004@simulated-parties",
                "Context: serveline-outbound", "Exten: s", "Async: false");
        List<AmiMessage> before = new ArrayList<>();
        AmiMessage failed = client.readResponse("sync-busy", before);
        assertThat(failed.getOrEmpty("Response")).isEqualTo("Error");
        assertThat(failed.getOrEmpty("Message")).isEqualTo("Originate failed");
        assertThat(before).extracting(m -> m.getOrEmpty("Event")).contains("Hangup").doesNotContain("OriginateResponse");
    }

    @Test
    void anUnknownAgiCommandGets510AndTheSessionGoesOn() throws Exception {
        client.send(SimulatedCall.originate("garbage", agi.port(), "orig-garbage"));
        client.readUntil(SimulatedCall::over);
        TestAgiServer.Session session = agi.nextSession();
        assertThat(session.replies()).containsExactly("510 Invalid or unknown command", "200 result=1");
    }

    @Test
    void anUnreachableFastAgiServerFailsTheAgiAndEndsTheCall() throws Exception {
        int closedPort;
        try (var probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        client.send(SimulatedCall.originate("2005", closedPort, "orig-2005"));
        List<AmiMessage> events = client.readUntil(SimulatedCall::over);
        assertThat(events).anyMatch(e -> e.getOrEmpty("Variable").equals("AGISTATUS") && e.getOrEmpty("Value").equals("FAILURE"));
    }

    @Test
    void aFastAgiServerThatSendsNothingIsClosedAfterTheIdleTimeout() throws Exception {
        try (TestAgiServer mute = new TestAgiServer(c -> c.awaitHangupLine())) {
            client.send(SimulatedCall.originate("2006", mute.port(), "orig-2006"));
            List<AmiMessage> events = client.readUntil(SimulatedCall::over);
            assertThat(events).anyMatch(e -> e.getOrEmpty("Variable").equals("AGISTATUS"));
            assertThat(mute.nextSession().transcript()).doesNotContain(">> ANSWER");
        }
    }
}
