package org.serveline.server.pbx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.serveline.server.testsupport.ApiClient;
import org.serveline.server.testsupport.ServelineIntegrationTest;
import org.serveline.server.testsupport.TaskFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A PBX whose AMI refuses the login (a real TCP server on loopback that answers Asterisk's banner and then an
 * authentication error): its link stays DOWN, it is shown DOWN, and a running campaign places no call through it.
 */
@ServelineIntegrationTest
@TestPropertySource(properties = {"serveline.embedded-db.schema=serveline_pbxdown", "serveline.dialer.tick=PT0.05S"})
class PbxDownIntegrationTests {

    static final RefusingAmi AMI = RefusingAmi.start();

    @DynamicPropertySource
    static void pbx(DynamicPropertyRegistry registry) {
        registry.add("serveline.telephony.pbxs[0].id", () -> "refusing");
        registry.add("serveline.telephony.pbxs[0].host", () -> "127.0.0.1");
        registry.add("serveline.telephony.pbxs[0].port", AMI::port);
        registry.add("serveline.telephony.pbxs[0].username", () -> "serveline");
        registry.add("serveline.telephony.pbxs[0].secret", () -> "wrong");
        registry.add("serveline.telephony.pbxs[0].trunks[0].name", () -> "t1");
        registry.add("serveline.telephony.pbxs[0].trunks[0].dial-string", () -> "PJSIP/{number}@t1");
    }

    @AfterAll
    static void stopAmi() throws IOException {
        AMI.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aPbxThatRefusesTheLoginIsShownDownAndReceivesNoCalls() {
        TaskFixtures fixtures = new TaskFixtures(port);
        long task = fixtures.submitTask().get("id").asLong();
        fixtures.review(task, "APPROVE", null);
        long campaign = fixtures.supervisor.post("/api/v1/campaigns", ApiClient.json(Map.of("name", "down",
                "callingFrom", "00:00", "callingUntil", "23:59:59", "callOnWeekends", true))).body().get("id").asLong();
        fixtures.supervisor.post("/api/v1/campaigns/" + campaign + "/start", "{}");

        await().atMost(Duration.ofSeconds(30)).until(AMI::loginsRefused, n -> n >= 1);
        JsonNode pbxs = fixtures.clerk.get("/api/v1/pbxs").body();
        assertThat(pbxs.get(0).get("pbx").asString()).isEqualTo("refusing");
        assertThat(pbxs.get(0).get("status").asString()).isEqualTo("DOWN");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(
                () -> jdbc.sql("SELECT COUNT(*) FROM call_attempt").query(Long.class).single(), n -> n == 0);
        assertThat(fixtures.clerk.get("/api/v1/tasks/" + task).body().get("state").asString()).isEqualTo("APPROVED");
    }

    /** Speaks just enough AMI to refuse every login, as Asterisk does for a wrong secret. */
    static final class RefusingAmi {

        private final ServerSocket socket;
        private final AtomicInteger refused = new AtomicInteger();

        private RefusingAmi(ServerSocket socket) {
            this.socket = socket;
        }

        static RefusingAmi start() {
            try {
                RefusingAmi ami = new RefusingAmi(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
                Thread.ofVirtual().name("refusing-ami").start(ami::serve);
                return ami;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        int port() {
            return socket.getLocalPort();
        }

        void close() throws IOException {
            socket.close();
        }

        int loginsRefused() {
            return refused.get();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (var client = socket.accept()) {
                    client.setSoTimeout(10_000);
                    var out = client.getOutputStream();
                    var in = new BufferedReader(new InputStreamReader(client.getInputStream(),
                            StandardCharsets.UTF_8));
                    out.write("Asterisk Call Manager/11.0.0\r\n".getBytes(StandardCharsets.UTF_8));
                    answer(in, out);
                } catch (IOException e) {
                    // the client went away; wait for the next one
                }
            }
        }

        private void answer(BufferedReader in, OutputStream out) throws IOException {
            Map<String, String> action = new HashMap<>();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isEmpty()) {
                    int colon = line.indexOf(':');
                    if (colon > 0) {
                        action.put(line.substring(0, colon).trim().toLowerCase(), line.substring(colon + 1).trim());
                    }
                    continue;
                }
                String id = action.getOrDefault("actionid", "");
                String name = action.getOrDefault("action", "").toLowerCase();
                String reply = name.equals("challenge")
                        ? "Response: Success\r\nActionID: " + id + "\r\nChallenge: 123456789\r\n\r\n"
                        : "Response: Error\r\nActionID: " + id + "\r\nMessage: Authentication failed\r\n\r\n";
                out.write(reply.getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (name.equals("login")) {
                    refused.incrementAndGet();
                    return;
                }
                action.clear();
            }
        }
    }
}
