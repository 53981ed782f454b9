package org.serveline.server.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.serveline.server.testsupport.Problems.assertProblem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.serveline.pbxsim.PbxSimulator;
import org.serveline.pbxsim.SimulatorConfig;
import org.serveline.pbxsim.pjsip.ContactActions;
import org.serveline.server.call.PbxGateway;
import org.serveline.server.testsupport.ApiClient;
import org.serveline.server.testsupport.ServelineIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * An operator whose softphone registered before Serveline connected, under the AMI user exactly as
 * {@code config/asterisk/manager.conf} ships it: the simulator refuses what Asterisk 22 refuses that user, no
 * ContactStatus event ever comes for the phone, and the operator must still show as registered.
 */
@ServelineIntegrationTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestPropertySource(properties = {
    "serveline.embedded-db.schema=serveline_registrations",
    "serveline.dialer.enabled=false",
})
@Timeout(120)
class EndpointRegistrationIntegrationTests {

    private static PbxSimulator simulator;

    @DynamicPropertySource
    static void pbx(DynamicPropertyRegistry registry) throws Exception {
        Path spool = Files.createTempDirectory("serveline-registrations-spool");
        // the phone is registered before the PBX listens for AMI, so before Serveline logs in
        simulator = new PbxSimulator(SimulatorConfig.builder().amiPort(0).credentials("serveline", "reg-secret")
                .amiWrite(shippedWriteClasses()).timeScale(0.05).spoolDir(spool)
                .contacts(List.of(new ContactActions.Contact("agent100", "sip:agent100@127.0.0.1:5070"))).build());
        int port = simulator.start().ami();
        registry.add("serveline.telephony.pbxs[0].id", () -> "sim-reg");
        registry.add("serveline.telephony.pbxs[0].host", () -> "127.0.0.1");
        registry.add("serveline.telephony.pbxs[0].port", () -> port);
        registry.add("serveline.telephony.pbxs[0].username", () -> "serveline");
        registry.add("serveline.telephony.pbxs[0].secret", () -> "reg-secret");
        registry.add("serveline.telephony.pbxs[0].trunks[0].name", () -> "sim-trunk");
        registry.add("serveline.telephony.pbxs[0].trunks[0].dial-string", () -> "Local/{number}@simulated-parties");
        registry.add("serveline.telephony.pbxs[0].trunks[0].number-format", () -> "NATIONAL");
    }

    /** {@code write =} of the {@code [serveline]} section of the shipped manager.conf. */
    static Set<String> shippedWriteClasses() throws IOException {
        Path conf = Path.of("..", "config", "asterisk", "manager.conf");
        boolean inUser = false;
        for (String raw : Files.readAllLines(conf, StandardCharsets.UTF_8)) {
            String line = raw.replaceAll(";.*", "").strip();
            if (line.startsWith("[")) {
                inUser = line.equals("[serveline]");
            } else if (inUser && line.matches("write\\s*=.*")) {
                return Arrays.stream(line.substring(line.indexOf('=') + 1).split(",")).map(String::strip)
                        .filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
            }
        }
        throw new IllegalStateException(conf + " has no write= in [serveline]");
    }

    @AfterAll
    static void stopSimulator() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    PbxGateway gateway;

    OperatorDesk operator;

    @BeforeEach
    void setUp() {
        operator = new OperatorDesk(port, "operator", "operator-pw");
        await().atMost(Duration.ofSeconds(30)).until(() -> gateway.isUp("sim-reg"));
    }

    @Test
    void theShippedUserMayNotListPjsipContactsButItsListingStillFindsThePhone() throws Exception {
        assertThat(shippedWriteClasses()).doesNotContain("system", "all");

        List<PbxGateway.EndpointStatus> listed = gateway.registeredEndpoints().get(10, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(listed).extracting(PbxGateway.EndpointStatus::endpoint, PbxGateway.EndpointStatus::registered)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("PJSIP/agent100", true));
    }

    @Test
    void anOperatorWhosePhoneRegisteredFirstSignsInRegisteredAndCanTakeWork() {
        ApiClient.Response signedIn = operator.signIn("PJSIP/agent100");

        assertThat(signedIn.status()).as("%s", signedIn.body()).isEqualTo(201);
        assertThat(signedIn.body().get("registered").asBoolean()).isTrue();
        assertThat(signedIn.body().get("registration").asString()).isEqualTo("Not in use");
        assertThat(signedIn.body().get("pbxId").asString()).isEqualTo("sim-reg");
        try {
            long task = operator.approvedTask("钱先注册", "+86 138 0000 3201");
            ApiClient.Response next = operator.next();
            assertThat(next.status()).as("%s", next.body()).isEqualTo(200);
            assertThat(next.body().get("task").get("id").asLong()).isEqualTo(task);
        } finally {
            await().atMost(Duration.ofSeconds(20)).until(() -> operator.signOut() != 409);
        }
    }

    @Test
    void anEndpointThePbxDoesNotKnowStaysUnregistered() {
        OperatorDesk other = new OperatorDesk(port, "operator2", "operator2-pw");
        ApiClient.Response signedIn = other.signIn("PJSIP/agent300");
        try {
            assertThat(signedIn.status()).isEqualTo(201);
            assertThat(signedIn.body().get("registered").asBoolean()).isFalse();
            assertProblem(other.next(), 409, "not registered");
        } finally {
            await().atMost(Duration.ofSeconds(20)).until(() -> other.signOut() != 409);
        }
    }
}
