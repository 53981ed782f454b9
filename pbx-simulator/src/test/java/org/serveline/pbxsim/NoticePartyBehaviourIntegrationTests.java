package org.serveline.pbxsim;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * The parties of a segmented notice (issue 12): one who keys 1 during the greeting, as in the real trace, and then
 * consents at the question or hangs up; one who presses 9 to hear the notice again. Driven by a FastAGI app shaped
 * like the notice application: greeting, case, question (any key cuts the segments before the question), wait.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NoticePartyBehaviourIntegrationTests {

    private static final String ANY_KEY = "\"0123456789*#\"";

    static final TestAgiServer.Script SEGMENTED_NOTICE = c -> {
        c.send("ANSWER");
        for (int replays = 0; replays < 2; replays++) {
            if (c.send("STREAM FILE greeting " + ANY_KEY).startsWith("200 result=0")) {
                c.send("STREAM FILE case " + ANY_KEY);
            }
            String asked = c.send("STREAM FILE question \"1209\"");
            String key = asked.startsWith("200 result=0") ? c.send("WAIT FOR DIGIT 5000") : asked;
            if (!key.startsWith("200 result=57")) {
                break;
            }
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
        agi = new TestAgiServer(SEGMENTED_NOTICE);
        PartyTiming timing = PartyTiming.DEFAULT.withHoldTime(Duration.ofMinutes(2));
        // at scale 0.05 a prompt plays 70 ms and the early key comes 35 ms into the greeting
        simulator = new PbxSimulator(SimulatorConfig.builder().timeScale(0.05).spoolDir(spool)
                .party("2001", new PartyBehaviour.KeysDuringGreeting(timing, Duration.ofMillis(700), true))
                .party("2002", new PartyBehaviour.KeysDuringGreeting(timing, Duration.ofMillis(700), false))
                .party("2003", new PartyBehaviour.Replay(timing))
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
    void keysOneDuringTheGreetingAndConsentsOnceAsked() throws Exception {
        List<AmiMessage> events = SimulatedCall.run(client, "2001", agi.port());
        TestAgiServer.Session session = agi.nextSession();

        assertThat(session.transcript()).doesNotContain(">> STREAM FILE case " + ANY_KEY);
        assertThat(session.replies()).anyMatch(reply -> reply.matches("200 result=49 endpos=\\d+"))
                .contains("200 result=49");
        assertThat(digits(events)).isEqualTo("11");
    }

    @Test
    void keysOneDuringTheGreetingAndHangsUpWhenTheQuestionStarts() throws Exception {
        List<AmiMessage> events = SimulatedCall.run(client, "2002", agi.port());
        TestAgiServer.Session session = agi.nextSession();

        assertThat(session.replies()).anyMatch(reply -> reply.matches("200 result=49 endpos=\\d+"))
                .anyMatch(reply -> reply.startsWith("200 result=-1 endpos="));
        assertThat(session.transcript()).contains("<< HANGUP");
        assertThat(digits(events)).isEqualTo("1");
        assertThat(SimulatedCall.first(events, "Hangup", ";2").getOrEmpty("Cause")).isEqualTo("16");
    }

    @Test
    void pressesNineToHearTheNoticeAgainThenConsents() throws Exception {
        List<AmiMessage> events = SimulatedCall.run(client, "2003", agi.port());
        TestAgiServer.Session session = agi.nextSession();

        assertThat(session.transcript().stream().filter(line -> line.equals(">> STREAM FILE greeting " + ANY_KEY)))
                .hasSize(2);
        assertThat(session.replies()).containsSubsequence("200 result=57", "200 result=49");
        assertThat(digits(events)).isEqualTo("91");
    }

    private static String digits(List<AmiMessage> events) {
        return events.stream().filter(e -> e.getOrEmpty("Event").equals("DTMFEnd") && e.getOrEmpty("Channel")
                .endsWith(";1")).map(e -> e.getOrEmpty("Digit")).reduce("", String::concat);
    }
}
