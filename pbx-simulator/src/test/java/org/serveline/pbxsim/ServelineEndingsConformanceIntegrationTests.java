package org.serveline.pbxsim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.serveline.pbxsim.ami.AmiMessage;
import org.serveline.pbxsim.party.PartyBehaviour;
import org.serveline.pbxsim.party.PartyTiming;

/**
 * How answered notice calls end, held to what a real Asterisk did while Serveline drove it
 * ({@code serveline-notice-calls.txt}): the Local channel's two halves hang up in the same order, with the same
 * requests and causes, and a party who hangs up during the notice leaves the ";1" half alive until the notice
 * application has left its result (the late hang-up the call tracker must wait for).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServelineEndingsConformanceIntegrationTests {

    /** Like the notice application: play, read a key, leave the result for the dialplan, return. */
    private static final TestAgiServer.Script NOTICE = c -> {
        c.send("ANSWER");
        String played = c.send("STREAM FILE notice \"\"");
        String result = "hangup";
        if (!played.contains("result=-1")) {
            String key = c.send("WAIT FOR DIGIT 8000");
            result = key.equals("200 result=50") ? "refused" : key.equals("200 result=49") ? "consent" : "hangup";
        }
        c.send("SET VARIABLE SERVELINE_NOTICE_RESULT " + result);
    };

    @TempDir
    Path spool;

    private TestAgiServer agi;
    private PbxSimulator simulator;
    private TestAmiClient client;

    @BeforeEach
    void start() throws IOException {
        agi = new TestAgiServer(NOTICE);
        Duration longHold = Duration.ofMinutes(5);
        simulator = new PbxSimulator(SimulatorConfig.builder().timeScale(0.05).spoolDir(spool)
                .promptDuration(Duration.ofSeconds(50))
                .party("1002", new PartyBehaviour.Refuse(PartyTiming.DEFAULT.withHoldTime(longHold)))
                .party("1006", PartyBehaviour.hangUp())
                .party("1007", new PartyBehaviour.Silent(PartyTiming.DEFAULT.withHoldTime(Duration.ofSeconds(21))))
                .build());
        client = TestAmiClient.loggedIn(simulator.start().ami(), true);
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        simulator.close();
        agi.close();
    }

    @ParameterizedTest(name = "{0} ends like Local/{1} in the trace")
    @CsvSource({
            "1002, 13800001002@lab-parties-00000020, refuses: our side ends the call",
            "1006, 13800001006@lab-parties-00000024, hangs up at once: ;1 lives until the notice returns",
            "1007, 13800001007@lab-parties-00000025, silent, hangs up during the notice"})
    void theSimulatorEndsACallAsAsteriskDid(String number, String traced, String what) throws Exception {
        List<String> recorded = ending(tracedEvents(), "Local/" + traced);

        List<AmiMessage> events = SimulatedCall.run(client, number, agi.port());
        String channel = SimulatedCall.first(events, "Hangup", ";1").getOrEmpty("Channel");
        List<String> simulated = ending(events.stream().map(ServelineEndingsConformanceIntegrationTests::headers)
                .toList(), channel.substring(0, channel.length() - 2));

        assertThat(recorded).as("the trace").isNotEmpty();
        assertThat(simulated).as(what).isEqualTo(recorded);
    }

    /**
     * From the call's answer on: its hang-up requests and hang-ups ("event half cause") and the notice's result,
     * in order.
     */
    private static List<String> ending(List<Map<String, String>> events, String base) {
        List<String> ending = new ArrayList<>();
        boolean up = false;
        for (Map<String, String> event : events) {
            String channel = event.getOrDefault("Channel", "");
            if (!channel.startsWith(base + ";")) {
                continue;
            }
            String name = event.getOrDefault("Event", "");
            String half = channel.substring(base.length());
            up |= name.equals("Newstate") && event.getOrDefault("ChannelStateDesc", "").equals("Up");
            if (!up) {
                continue;
            }
            switch (name) {
                case "SoftHangupRequest", "HangupRequest", "Hangup" ->
                        ending.add(name + " " + half + " " + event.getOrDefault("Cause", ""));
                case "VarSet" -> {
                    if (event.getOrDefault("Variable", "").equals("SERVELINE_NOTICE_RESULT")) {
                        ending.add("VarSet " + half + " result");
                    }
                }
                default -> { }
            }
        }
        return ending;
    }

    private static Map<String, String> headers(AmiMessage message) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        message.headers().forEach(h -> headers.putIfAbsent(h.name(), h.value()));
        return headers;
    }

    /** serveline-notice-calls.txt: one message per "# t=" block. */
    private static List<Map<String, String>> tracedEvents() {
        List<Map<String, String>> events = new ArrayList<>();
        for (String block : Fixtures.raw("serveline-notice-calls.txt").split("(?m)^# t=")) {
            Map<String, String> headers = new java.util.LinkedHashMap<>();
            for (String line : block.split("\n")) {
                int colon = line.indexOf(": ");
                if (colon > 0) {
                    headers.putIfAbsent(line.substring(0, colon), line.substring(colon + 2));
                }
            }
            if (headers.containsKey("Event")) {
                events.add(headers);
            }
        }
        return events;
    }
}
