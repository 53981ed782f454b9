package org.serveline.telephony.agi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.serveline.telephony.agi.AgiSessionEnd.Ending;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FastAgiServerIntegrationTests {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final RecordingSessionListener ends = new RecordingSessionListener();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    private final List<FastAgiServer> servers = new ArrayList<>();

    private FastAgiServer start(Set<InetAddress> allowed, Map<String, AgiApplication> applications) {
        FastAgiConfig config = new FastAgiConfig(LOOPBACK, 0, URI.create("agi://127.0.0.1:4573"), allowed,
                Duration.ofMillis(500), Duration.ofSeconds(5));
        FastAgiServer server = new FastAgiServer(config, applications, ends, clock);
        servers.add(server);
        server.start();
        return server;
    }

    private FastAgiServer start(Map<String, AgiApplication> applications) {
        return start(Set.of(LOOPBACK), applications);
    }

    @AfterEach
    void stopServers() {
        servers.forEach(FastAgiServer::stop);
    }

    private AgiSessionEnd awaitEnd(int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> ends.ends().size() >= count);
        return ends.ends().get(count - 1);
    }

    @Test
    void routesByScriptPathAndHandsTheApplicationEnvironmentArgumentsAndParameters() throws IOException {
        AtomicReference<AgiRequest> seen = new AtomicReference<>();
        AtomicReference<String> attempt = new AtomicReference<>();
        FastAgiServer server = start(Map.of("notice", session -> {
            seen.set(session.request());
            attempt.set(session.attemptId().orElseThrow());
            session.channel().answer();
        }));

        try (AgiTestClient asterisk = new AgiTestClient(server.port())) {
            asterisk.send(AgiTestClient.environment("notice?attempt=att%2042&task=7",
                    "agi_arg_1: first", "agi_arg_2: second"));
            List<String> commands = asterisk.serve(command -> List.of("200 result=0"));
            assertThat(commands).containsExactly("ANSWER");
        }

        AgiRequest request = seen.get();
        assertThat(request.script()).isEqualTo("notice");
        assertThat(request.parameters()).containsEntry("attempt", "att 42").containsEntry("task", "7");
        assertThat(request.arguments()).containsExactly("first", "second");
        assertThat(request.uniqueId()).isEqualTo("1795737031.27");
        assertThat(request.env("version")).contains("22.10.1");
        assertThat(attempt.get()).isEqualTo("att 42");
        assertThat(awaitEnd(1).ending()).isEqualTo(Ending.COMPLETED);
    }

    @Test
    void readsTheAttemptAndTaskIdsFromChannelVariablesWhenTheUrlLacksThem() throws IOException {
        AtomicReference<String> ids = new AtomicReference<>();
        FastAgiServer server = start(Map.of("notice",
                session -> ids.set(session.attemptId().orElse("-") + "/" + session.taskId().orElse("-"))));

        try (AgiTestClient asterisk = new AgiTestClient(server.port())) {
            asterisk.send(AgiTestClient.environment("notice"));
            List<String> commands = asterisk.serve(command -> command.contains("SERVELINE_ATTEMPT_ID")
                    ? List.of("200 result=1 (a-9)")
                    : List.of("200 result=0"));
            assertThat(commands).containsExactly("GET VARIABLE \"SERVELINE_ATTEMPT_ID\"",
                    "GET VARIABLE \"SERVELINE_TASK_ID\"");
        }
        assertThat(ids.get()).isEqualTo("a-9/-");
    }

    @Test
    void closesAConnectionThatSendsNothingAfterTheRequestTimeout() throws IOException {
        FastAgiServer server = start(Map.of("notice", session -> session.channel().answer()));

        try (AgiTestClient silent = new AgiTestClient(server.port())) {
            assertThat(silent.closedByServer()).isTrue();
        }
        AgiSessionEnd end = awaitEnd(1);
        assertThat(end.ending()).isEqualTo(Ending.REQUEST_TIMEOUT);
        assertThat(end.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(500));
        assertThat(server.activeSessions()).isZero();
    }

    @Test
    void closesAStrangerUnreadAndKeepsServingThePbx() throws IOException {
        CountDownLatch ran = new CountDownLatch(1);
        FastAgiServer server = start(Set.of(InetAddress.getByName("192.0.2.10")),
                Map.of("notice", session -> ran.countDown()));

        try (AgiTestClient stranger = new AgiTestClient(server.port())) {
            stranger.send(AgiTestClient.environment("notice?attempt=1"));
            assertThat(stranger.closedByServer()).isTrue();
        }
        AgiSessionEnd end = awaitEnd(1);
        assertThat(end.ending()).isEqualTo(Ending.REJECTED_PEER);
        assertThat(end.peer()).isEqualTo(LOOPBACK);
        assertThat(ran.getCount()).isEqualTo(1);
    }

    @Test
    void endsASessionWhoseEnvironmentBlockIsTruncated() throws IOException {
        FastAgiServer server = start(Map.of("notice", session -> session.channel().answer()));

        try (AgiTestClient asterisk = new AgiTestClient(server.port())) {
            asterisk.send("agi_network: yes\nagi_network_script: notice?attempt=1\nagi_chan");
            asterisk.close();
        }
        AgiSessionEnd cutMidLine = awaitEnd(1);
        assertThat(cutMidLine.ending()).isEqualTo(Ending.BAD_REQUEST);
        assertThat(cutMidLine.detail()).contains("middle of a line: 'agi_chan'");

        try (AgiTestClient asterisk = new AgiTestClient(server.port())) {
            asterisk.send("agi_network: yes\nagi_network_script: notice?attempt=1\n");
            asterisk.close();
        }
        AgiSessionEnd noEmptyLine = awaitEnd(2);
        assertThat(noEmptyLine.ending()).isEqualTo(Ending.BAD_REQUEST);
        assertThat(noEmptyLine.detail()).contains("truncated after 2 lines");
    }

    @Test
    void endsASessionWhoseEnvironmentBlockIsGarbage() throws IOException {
        FastAgiServer server = start(Map.of("notice", session -> session.channel().answer()));

        try (AgiTestClient stranger = new AgiTestClient(server.port())) {
            stranger.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(stranger.closedByServer()).isTrue();
        }
        AgiSessionEnd end = awaitEnd(1);
        assertThat(end.ending()).isEqualTo(Ending.BAD_REQUEST);
        assertThat(end.detail()).contains("not an agi_ line");
    }

    @Test
    void endsASessionWhoseLineNeverEnds() throws IOException {
        FastAgiServer server = start(Map.of("notice", session -> session.channel().answer()));

        try (AgiTestClient flood = new AgiTestClient(server.port())) {
            flood.send("agi_network_script: " + "x".repeat(10_000));
            assertThat(flood.closedByServer()).isTrue();
        }
        AgiSessionEnd end = awaitEnd(1);
        assertThat(end.ending()).isEqualTo(Ending.BAD_REQUEST);
        assertThat(end.detail()).contains("longer than 8192 bytes");
    }

    @Test
    void endsASessionForAnUnknownScript() throws IOException {
        FastAgiServer server = start(Map.of("notice", session -> session.channel().answer()));

        try (AgiTestClient asterisk = new AgiTestClient(server.port())) {
            asterisk.send(AgiTestClient.environment("nosuch?attempt=1"));
            assertThat(asterisk.closedByServer()).isTrue();
        }
        AgiSessionEnd end = awaitEnd(1);
        assertThat(end.ending()).isEqualTo(Ending.UNKNOWN_SCRIPT);
        assertThat(end.script()).isEqualTo("nosuch");
    }

    @Test
    void survivesAReplyItDoesNotExpectAndServesTheNextSession() throws IOException {
        FastAgiServer server = start(Map.of("notice", session -> {
            session.channel().answer();
            session.channel().streamFile("hello-world", "");
        }));

        try (AgiTestClient asterisk = new AgiTestClient(server.port())) {
            asterisk.send(AgiTestClient.environment("notice?attempt=1"));
            List<String> commands = asterisk.serve(command -> command.equals("ANSWER")
                    ? List.of("520-Invalid command syntax.  Proper usage follows:",
                            " Usage: ANSWER", "520 End of proper usage.")
                    : List.of("200 result=0 endpos=100"));
            assertThat(commands).containsExactly("ANSWER");
        }
        AgiSessionEnd end = awaitEnd(1);
        assertThat(end.ending()).isEqualTo(Ending.PROTOCOL_ERROR);
        assertThat(end.detail()).contains("520-Invalid command syntax");

        try (AgiTestClient asterisk = new AgiTestClient(server.port())) {
            asterisk.send(AgiTestClient.environment("notice?attempt=2"));
            List<String> commands = asterisk.serve(command -> command.equals("ANSWER")
                    ? List.of("not an agi reply")
                    : List.of("200 result=0 endpos=100"));
            assertThat(commands).containsExactly("ANSWER");
        }
        assertThat(awaitEnd(2).ending()).isEqualTo(Ending.PROTOCOL_ERROR);

        try (AgiTestClient asterisk = new AgiTestClient(server.port())) {
            asterisk.send(AgiTestClient.environment("notice?attempt=3"));
            List<String> commands = asterisk.serve(command -> command.equals("ANSWER")
                    ? List.of("200 result=0")
                    : List.of("200 result=0 endpos=100"));
            assertThat(commands).containsExactly("ANSWER", "STREAM FILE \"hello-world\" \"\"");
        }
        assertThat(awaitEnd(3).ending()).isEqualTo(Ending.COMPLETED);
    }

    @Test
    void recordsAChannelThatHungUp() throws IOException {
        AtomicReference<Boolean> hungUpSeen = new AtomicReference<>();
        FastAgiServer server = start(Map.of("notice", session -> {
            try {
                session.channel().waitForDigit(Duration.ofSeconds(8));
            } finally {
                hungUpSeen.set(session.channel().hungUp());
            }
        }));

        try (AgiTestClient asterisk = new AgiTestClient(server.port())) {
            asterisk.send(AgiTestClient.environment("notice?attempt=1"));
            asterisk.serve(command -> List.of("HANGUP",
                    "511 Command Not Permitted on a dead channel or intercept routine"));
        }
        AgiSessionEnd end = awaitEnd(1);
        assertThat(end.ending()).isEqualTo(Ending.HUNG_UP);
        assertThat(end.detail()).contains("dead channel");
        assertThat(hungUpSeen.get()).isTrue();
    }

    @Test
    void holdsManyMoreConcurrentSessionsThanAThreadPoolWould() throws Exception {
        int sessions = 300;
        CountDownLatch release = new CountDownLatch(1);
        FastAgiServer server = start(Map.of("notice", session -> {
            try {
                release.await();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }));
        List<AgiTestClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < sessions; i++) {
                AgiTestClient client = new AgiTestClient(server.port());
                clients.add(client);
                client.send(AgiTestClient.environment("notice?attempt=" + i));
            }
            await().atMost(Duration.ofSeconds(15)).until(() -> server.activeSessions() == sessions);
            release.countDown();
            for (AgiTestClient client : clients) {
                assertThat(client.closedByServer()).isTrue();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> ends.ends().size() == sessions);
            assertThat(ends.ends()).allMatch(end -> end.ending() == Ending.COMPLETED);
        } finally {
            for (AgiTestClient client : clients) {
                client.close();
            }
        }
    }

    @Test
    void leavesNoThreadBehindAfterStop() throws IOException {
        FastAgiServer server = start(Map.of("notice", session -> session.channel().waitForDigit(Duration.ofSeconds(8))));
        List<AgiTestClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                AgiTestClient client = new AgiTestClient(server.port());
                clients.add(client);
                client.send(AgiTestClient.environment("notice?attempt=" + i));
                assertThat(client.readCommand()).isEqualTo("WAIT FOR DIGIT 8000");
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> server.liveThreads().size() == 6);
            Set<Thread> running = server.liveThreads();

            server.stop();

            assertThat(server.liveThreads()).isEmpty();
            assertThat(running).noneMatch(Thread::isAlive);
            assertThat(Thread.getAllStackTraces().keySet())
                    .noneMatch(thread -> thread.getName().startsWith("serveline-agi"));
            for (AgiTestClient client : clients) {
                assertThat(client.closedByServer()).isTrue();
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> ends.ends().size() == 5);
            assertThat(ends.ends()).allMatch(end -> end.ending() == Ending.SERVER_STOPPED);
        } finally {
            for (AgiTestClient client : clients) {
                client.close();
            }
        }
    }
}
