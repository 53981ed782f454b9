package org.serveline.pbxsim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.serveline.pbxsim.ami.AmiMessage;
import org.serveline.pbxsim.call.DialplanContext;

/**
 * Runs each recorded scenario on the simulator, driven the way the trace's client and FastAGI server drove
 * Asterisk, and compares the AMI events and the AGI exchange with the real trace (see {@link TraceNormalizer}
 * for what is filtered and why).
 */
class TraceConformanceIntegrationTests {

    @TempDir
    Path spool;

    @ParameterizedTest
    @ValueSource(strings = {"1001", "1002", "1003", "1004", "1005", "1006", "1007", "1001-app-agi"})
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void scenarioMatchesTheRealTrace(String scenario) throws Exception {
        try (TestAgiServer agi = new TestAgiServer(TestAgiServer.TRACE_SCRIPT);
                PbxSimulator simulator = new PbxSimulator(SimulatorConfig.builder()
                        .timeScale(0.1)
                        .spoolDir(spool)
                        .context("outbound-notice",
                                DialplanContext.recordedAgi("agi://127.0.0.1:" + agi.port() + "/notice?task=${TASK_ID}"))
                        .build())) {
            int port = simulator.start().ami();
            List<String> transcript = Fixtures.lines("ami-" + scenario + ".txt");
            List<AmiMessage> real = AmiTrace.parse(Fixtures.raw("ami-" + scenario + ".raw"));

            try (TestAmiClient client = TestAmiClient.connect(port)) {
                assertThat(client.banner()).isEqualTo(transcript.get(0).substring(3));
                client.send(AmiTrace.sentAction(transcript, "Login"));
                List<AmiMessage> loginReplies = client.readUntil(m -> m.size() == 3);
                assertThat(names(loginReplies)).isEqualTo(List.of("Response:Success", "FullyBooted", "SuccessfulAuth"));
                assertThat(headerNames(loginReplies.get(2))).isEqualTo(headerNames(real.get(2)));

                List<String> originate = new ArrayList<>();
                for (String line : AmiTrace.sentAction(transcript, "Originate")) {
                    originate.add(line.replace("127.0.0.1:4573/", "127.0.0.1:" + agi.port() + "/"));
                }
                client.send(originate);
                AmiMessage response = client.read();
                AmiMessage realResponse = real.stream()
                        .filter(m -> m.getOrEmpty("ActionID").startsWith("orig-") && m.get("Event").isEmpty())
                        .findFirst().orElseThrow();
                assertThat(response.headers()).isEqualTo(realResponse.headers());

                List<AmiMessage> events = client.readUntil(TraceConformanceIntegrationTests::callOver);
                client.send("Action: Ping", "ActionID: fence");
                client.readResponse("fence", events);

                Map<String, List<List<String>>> expected = TraceNormalizer.streams(AmiTrace.callEvents(real));
                Map<String, List<List<String>>> actual = TraceNormalizer.streams(events);
                assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
                for (String stream : expected.keySet()) {
                    assertSameEvents(scenario + " stream " + stream, expected.get(stream), actual.get(stream));
                }
            }

            String agiTrace = "agi-" + scenario + ".txt";
            if (Fixtures.exists(agiTrace)) {
                List<String> expected = Fixtures.lines(agiTrace).stream().map(TraceNormalizer::normalizeAgiLine).toList();
                List<String> actual = agi.nextSession().transcript().stream().map(TraceNormalizer::normalizeAgiLine).toList();
                assertThat(actual).containsExactlyElementsOf(expected);
            } else {
                assertThat(agi.hadSession()).as("no FastAGI connection, as in the trace").isFalse();
            }
        }
    }

    /** Compares two event sequences; on failure names both sequences and shows the first differing event. */
    private static void assertSameEvents(String what, List<List<String>> expected, List<List<String>> actual) {
        int common = Math.min(expected.size(), actual.size());
        for (int i = 0; i < common; i++) {
            if (!expected.get(i).equals(actual.get(i))) {
                throw new AssertionError(what + ": event " + i + " differs\n  expected " + expected.get(i)
                        + "\n  actual   " + actual.get(i) + "\n  expected sequence " + eventNames(expected)
                        + "\n  actual sequence   " + eventNames(actual));
            }
        }
        if (expected.size() != actual.size()) {
            throw new AssertionError(what + ": " + expected.size() + " events expected, " + actual.size()
                    + "\n  expected sequence " + eventNames(expected) + "\n  actual sequence   " + eventNames(actual));
        }
    }

    private static List<String> eventNames(List<List<String>> events) {
        return events.stream().map(e -> e.get(0).substring(7)
                + e.stream().filter(h -> h.startsWith("Variable: ") || h.startsWith("Command: ")
                        || h.startsWith("Cause: ") || h.startsWith("ChannelStateDesc: ") || h.startsWith("DialStatus: "))
                .map(h -> "[" + h.substring(h.indexOf(' ') + 1) + "]").reduce("", String::concat)).toList();
    }

    /** Both halves hung up and the OriginateResponse seen. */
    private static boolean callOver(List<AmiMessage> messages) {
        boolean one = false;
        boolean two = false;
        boolean originate = false;
        for (AmiMessage m : messages) {
            String event = m.getOrEmpty("Event");
            if (event.equals("Hangup")) {
                one |= m.getOrEmpty("Channel").endsWith(";1");
                two |= m.getOrEmpty("Channel").endsWith(";2");
            }
            originate |= event.equals("OriginateResponse");
        }
        return one && two && originate;
    }

    private static List<String> names(List<AmiMessage> messages) {
        return messages.stream()
                .map(m -> m.get("Event").orElseGet(() -> "Response:" + m.getOrEmpty("Response"))).toList();
    }

    private static List<String> headerNames(AmiMessage message) {
        return message.headers().stream().map(AmiMessage.Header::name).toList();
    }
}
