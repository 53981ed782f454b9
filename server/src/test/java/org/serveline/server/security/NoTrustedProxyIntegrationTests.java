package org.serveline.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.serveline.server.audit.AuditEvent;
import org.serveline.server.audit.AuditTrail;
import org.serveline.server.testsupport.RawHttp;
import org.serveline.server.testsupport.ServelineIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** As configured by default no proxy is trusted: a client's own X-Forwarded-For and -Proto change nothing (ADR 0027). */
@ServelineIntegrationTest
@Timeout(60)
class NoTrustedProxyIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    AuditTrail audit;

    @Test
    void aClientCannotNameItsOwnAddressOrSchemeByDefault() throws Exception {
        String name = "spoofer" + System.nanoTime() % 1_000_000_000L;
        RawHttp.Response refused = RawHttp.exchange(port, "GET", "/api/v1/me", List.of(
                new RawHttp.Header("X-Forwarded-For", "192.0.2.77"), new RawHttp.Header("X-Forwarded-Proto", "https"),
                new RawHttp.Header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (name + ":wrong").getBytes(StandardCharsets.UTF_8)))), null, Duration.ofSeconds(20));
        assertThat(refused.status()).isEqualTo(401);
        List<AuditEvent> events = audit.chain("staff:" + name);
        assertThat(events).extracting(AuditEvent::action).containsExactly("SIGN_IN_REFUSED");
        assertThat(events.getFirst().details()).contains("127.0.0.1").doesNotContain("192.0.2.77");

        RawHttp.Response page = RawHttp.exchange(port, "GET", "/", List.of(
                new RawHttp.Header("X-Forwarded-Proto", "https")), null, Duration.ofSeconds(20));
        assertThat(page.header("Set-Cookie")).startsWith("XSRF-TOKEN=").doesNotContain("Secure");
    }
}
