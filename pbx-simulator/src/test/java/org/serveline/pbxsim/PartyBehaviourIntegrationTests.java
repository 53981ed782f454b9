package org.serveline.pbxsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
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

/**
 * Each party behaviour at time scale 0.01, through a FastAGI app shaped like the notice application: answer,
 * AMD, play the notice, wait for a key, collect a number after 1, hang up.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PartyBehaviourIntegrationTests {

    static final TestAgiServer.Script NOTICE_APP = c -> {
        c.send("ANSWER");
        c.send("EXEC AMD");
        c.send("GET VARIABLE AMDSTATUS");
        c.send("STREAM FILE notice \"\"");
        String key = c.send("WAIT FOR DIGIT 5000");
        if (key.equals("200 result=49")) {
            c.send("GET DATA enter-number 5000 20");
        }
        c.send("HANGUP");
        c.awaitHangupLine();
    };

    @TempDir
    Path spool;

    private TestAgiServer agi;
    private PbxSimulator simulator;
    private TestAmiClient client;

    @BeforeEach
    void start() throws IOException {
        agi = new TestAgiServer(NOTICE_APP);
        // long hold times: at scale 0.01 the default 15 s is 150 ms, which a loaded machine's FastAGI round
        // trips could exceed; the behaviours' own defaults are exercised by the trace conformance tests
        Duration hold = Duration.ofMinutes(2);
        simulator = new PbxSimulator(SimulatorConfig.builder().timeScale(0.01).spoolDir(spool)
                .party("1001", new PartyBehaviour.Consent(PartyTiming.DEFAULT.withHoldTime(hold)))
                .party("1002", new PartyBehaviour.Refuse(PartyTiming.DEFAULT.withHoldTime(hold)))
                .party("1006", new PartyBehaviour.HangUp(PartyTiming.DEFAULT.withRingTime(Duration.ZERO).withHoldTime(hold)))
                .party("1007", new PartyBehaviour.Silent(PartyTiming.DEFAULT.withHoldTime(hold)))
                .party("1008", new PartyBehaviour.EnterNumber(PartyTiming.DEFAULT.withHoldTime(hold), "13800138000"))
                .party("1009", new PartyBehaviour.AskOperator(PartyTiming.DEFAULT.withHoldTime(hold)))
                .party("1010", new PartyBehaviour.AnsweringMachine(PartyTiming.DEFAULT.withHoldTime(hold)))
                .defaultParty(new PartyBehaviour.Consent(PartyTiming.DEFAULT.withHoldTime(hold)))
                .build());
        client = TestAmiClient.loggedIn(simulator.start().ami(), true);
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        simulator.close();
        agi.close();
    }

    @Test
    void consentPressesOneAndTheCallIsRecorded() throws Exception {
        List<AmiMessage> events = SimulatedCall.run(client, "1001", agi.port());
        TestAgiServer.Session session = agi.nextSession();

        assertThat(session.env()).containsEntry("agi_network_script", "notice?attempt=att-1001");
        assertThat(session.replies()).contains("200 result=1 (HUMAN)", "200 result=49");
        assertThat(SimulatedCall.first(events, "DTMFEnd", ";1").getOrEmpty("Digit")).isEqualTo("1");
        assertThat(SimulatedCall.first(events, "OriginateResponse", "").getOrEmpty("Reason")).isEqualTo("4");
        assertThat(SimulatedCall.first(events, "VarSet", ";1").getOrEmpty("Variable")).isEqualTo("SERVELINE_AGI_URL");

        Path wav = spool.resolve("att-1001.wav");
        await().atMost(10, TimeUnit.SECONDS).until(() -> Files.exists(wav));
        double seconds = wavSeconds(wav);
        // prompt 1.404 s + 2.5 s before the key, in PBX time; real-time jitter at scale 0.01 only lengthens it
        assertThat(seconds).isBetween(3.9, 30.0);
        try (var files = Files.list(spool)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("att-1001.wav");
        }
    }

    @Test
    void refusePressesTwo() throws Exception {
        SimulatedCall.run(client, "1002", agi.port());
        assertThat(agi.nextSession().replies()).contains("200 result=50").doesNotContain("200 result=49");
    }

    @Test
    void noAnswerRingsUntilTheOriginateTimesOut() throws Exception {
        List<AmiMessage> events = SimulatedCall.run(client, "1003", agi.port());
        AmiMessage response = SimulatedCall.first(events, "OriginateResponse", "");
        assertThat(response.getOrEmpty("Response")).isEqualTo("Failure");
        assertThat(response.getOrEmpty("Reason")).isEqualTo("3");
        assertThat(SimulatedCall.first(events, "Hangup", ";2").getOrEmpty("Cause")).isEqualTo("19");
        assertThat(agi.hadSession()).isFalse();
    }

    @Test
    void busyIsCause17AndReason5() throws Exception {
        List<AmiMessage> events = SimulatedCall.run(client, "1004", agi.port());
        assertThat(SimulatedCall.first(events, "OriginateResponse", "").getOrEmpty("Reason")).isEqualTo("5");
        assertThat(SimulatedCall.first(events, "Hangup", ";2").getOrEmpty("Cause-txt")).isEqualTo("User busy");
    }

    @Test
    void congestionIsCause34AndReason8() throws Exception {
        List<AmiMessage> events = SimulatedCall.run(client, "1005", agi.port());
        assertThat(SimulatedCall.first(events, "OriginateResponse", "").getOrEmpty("Reason")).isEqualTo("8");
        assertThat(SimulatedCall.first(events, "Hangup", ";2").getOrEmpty("Cause")).isEqualTo("34");
    }

    @Test
    void hangUpLeavesAsThePromptStartsAndLaterCommandsGet511() throws Exception {
        List<AmiMessage> events = SimulatedCall.run(client, "1006", agi.port());
        TestAgiServer.Session session = agi.nextSession();
        assertThat(session.replies()).contains("200 result=-1 endpos=160",
                "511 Command Not Permitted on a dead channel or intercept routine");
        assertThat(session.transcript()).contains("<< HANGUP");
        assertThat(SimulatedCall.first(events, "Hangup", ";2").getOrEmpty("Cause")).isEqualTo("16");
    }

    @Test
    void silentNeverPressesAKey() throws Exception {
        List<AmiMessage> events = SimulatedCall.run(client, "1007", agi.port());
        assertThat(agi.nextSession().replies()).contains("200 result=0");
        assertThat(events).noneMatch(e -> e.getOrEmpty("Event").startsWith("DTMF"));
    }

    @Test
    void enterNumberPressesOneThenKeysTheMobileNumber() throws Exception {
        List<AmiMessage> events = SimulatedCall.run(client, "1008", agi.port());
        assertThat(agi.nextSession().replies()).contains("200 result=49", "200 result=13800138000");
        assertThat(events.stream().filter(e -> e.getOrEmpty("Event").equals("DTMFEnd"))
                .map(e -> e.getOrEmpty("Digit")).reduce("", String::concat)).isEqualTo("113800138000#");
    }

    @Test
    void askOperatorPressesZero() throws Exception {
        SimulatedCall.run(client, "1009", agi.port());
        assertThat(agi.nextSession().replies()).contains("200 result=48");
    }

    /** serveline-outbound runs AMD() itself: a machine is hung up on before the recording and the notice. */
    @Test
    void answeringMachineIsDetectedByTheDialplanAndHungUpOnBeforeTheNotice() throws Exception {
        List<AmiMessage> events = SimulatedCall.run(client, "1010", agi.port());

        assertThat(events).filteredOn(e -> e.getOrEmpty("Event").equals("VarSet")
                        && e.getOrEmpty("Variable").startsWith("AMD"))
                .extracting(e -> e.getOrEmpty("Variable") + "=" + e.getOrEmpty("Value"))
                .containsExactly("AMDSTATUS=MACHINE", "AMDCAUSE=LONGGREETING-5000-1500");
        assertThat(events).noneMatch(e -> e.getOrEmpty("Event").equals("MixMonitorStart"));
        assertThat(SimulatedCall.first(events, "OriginateResponse", "").getOrEmpty("Response")).isEqualTo("Success");
        assertThat(SimulatedCall.first(events, "Hangup", ";2").getOrEmpty("Cause")).isEqualTo("16");
        assertThat(agi.hadSession()).as("no notice for a machine").isFalse();
    }

    @Test
    void aPersonPassesAmdAndHearsTheNotice() throws Exception {
        List<AmiMessage> events = SimulatedCall.run(client, "1001", agi.port());

        AmiMessage amd = events.stream().filter(e -> e.getOrEmpty("Variable").equals("AMDSTATUS")).findFirst()
                .orElseThrow();
        assertThat(amd.getOrEmpty("Value")).isEqualTo("HUMAN");
        assertThat(events.indexOf(amd)).as("the dialplan's AMD() runs before the recording")
                .isLessThan(events.indexOf(SimulatedCall.first(events, "MixMonitorStart", ";1")));
        assertThat(agi.nextSession().replies()).contains("200 result=49");
    }

    /** With SERVELINE_AMD=off the dialplan skips AMD(); an AGI that runs AMD itself still hears MACHINE. */
    @Test
    void amdTurnedOffByTheOriginateLeavesTheMachineToTheNotice() throws Exception {
        List<String> originate = new java.util.ArrayList<>(SimulatedCall.originate("1010", agi.port(), "orig-off"));
        originate.add(originate.size() - 1, "Variable: SERVELINE_AMD=off");
        client.send(originate);
        List<AmiMessage> events = client.readUntil(SimulatedCall::over);

        int recording = events.indexOf(SimulatedCall.first(events, "MixMonitorStart", ";1"));
        int amd = events.indexOf(events.stream().filter(e -> e.getOrEmpty("Variable").equals("AMDSTATUS"))
                .findFirst().orElseThrow());
        assertThat(amd).as("AMD ran only in the AGI, after the recording started").isGreaterThan(recording);
        assertThat(agi.nextSession().replies()).contains("200 result=1 (MACHINE)", "200 result=0");
    }

    @Test
    void unknownNumbersGetTheDefaultBehaviour() throws Exception {
        SimulatedCall.run(client, "5551234", agi.port());
        assertThat(agi.nextSession().replies()).contains("200 result=49");
    }

    /** Reads a WAV header strictly (PCM, mono, 8 kHz, 16 bit) and returns the length in seconds. */
    static double wavSeconds(Path wav) throws IOException {
        byte[] header;
        long size = Files.size(wav);
        try (InputStream in = Files.newInputStream(wav)) {
            header = in.readNBytes(44);
        }
        ByteBuffer b = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(header, 0, 4, "US-ASCII")).isEqualTo("RIFF");
        assertThat(b.getInt(4)).isEqualTo((int) size - 8);
        assertThat(new String(header, 8, 8, "US-ASCII")).isEqualTo("WAVEfmt ");
        assertThat(b.getShort(20)).as("PCM").isEqualTo((short) 1);
        assertThat(b.getShort(22)).as("mono").isEqualTo((short) 1);
        assertThat(b.getInt(24)).isEqualTo(8000);
        assertThat(b.getShort(34)).as("bits").isEqualTo((short) 16);
        assertThat(new String(header, 36, 4, "US-ASCII")).isEqualTo("data");
        int data = b.getInt(40);
        assertThat(data).isEqualTo((int) size - 44);
        return data / 2 / 8000.0;
    }
}
