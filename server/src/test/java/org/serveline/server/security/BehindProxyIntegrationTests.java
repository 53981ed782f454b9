package org.serveline.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.serveline.server.audit.AuditEvent;
import org.serveline.server.audit.AuditTrail;
import org.serveline.server.testsupport.RawHttp;
import org.serveline.server.testsupport.ServelineIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Behind a reverse proxy (here: 127.0.0.1 is the trusted proxy, 127.0.0.2 a peer no one trusts): the sign-in throttle
 * and the audit see the client the proxy names in X-Forwarded-For, a client cannot name itself, and the session cookie
 * is Secure when the proxy says the request came over TLS (ADR 0027).
 */
@ServelineIntegrationTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestPropertySource(properties = {"serveline.embedded-db.schema=serveline_proxy",
    "server.tomcat.remoteip.internal-proxies=127\\\\.0\\\\.0\\\\.1", "serveline.security.sign-in.address-max-failures=3"})
@Timeout(120)
class BehindProxyIntegrationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @Autowired
    AuditTrail audit;

    @Test
    void twoClientsBehindTheTrustedProxyAreThrottledApartAndTheThrottleIsAnAuditEvent() throws IOException {
        for (int i = 1; i <= 3; i++) {
            assertThat(basic(null, "203.0.113.1", "nobody-a" + i).status()).isEqualTo(401);
        }
        RawHttp.Response blocked = basic(null, "203.0.113.1", "nobody-a4");
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.header("Retry-After")).isNotBlank();
        assertThat(blocked.text()).contains("此地址登录失败次数过多");
        // the other client behind the same proxy is not held up by the first
        assertThat(basic(null, "203.0.113.2", "nobody-b1").status()).isEqualTo(401);

        List<AuditEvent> throttled = audit.chain("sign-in-address:203.0.113.1");
        assertThat(throttled).extracting(AuditEvent::action).containsExactly("SIGN_IN_ADDRESS_THROTTLED");
        assertThat(throttled.getFirst().details().toString()).contains("nobody-a3");
        assertThat(audit.chain("sign-in-address:203.0.113.2")).isEmpty();
        assertThat(audit.chain("sign-in-address:127.0.0.1")).isEmpty();
    }

    @Test
    void anUntrustedPeerCannotNameItselfAnotherAddress() throws IOException {
        InetAddress peer = InetAddress.getByName("127.0.0.2");
        for (int i = 1; i <= 3; i++) {
            assertThat(basic(peer, "198.51.100." + i, "nobody-c" + i).status()).isEqualTo(401);
        }
        // a fresh X-Forwarded-For does not make a fresh client: the peer itself is blocked
        assertThat(basic(peer, "198.51.100.99", "nobody-c4").status()).isEqualTo(429);
        assertThat(audit.chain("sign-in-address:127.0.0.2")).extracting(AuditEvent::action)
                .containsExactly("SIGN_IN_ADDRESS_THROTTLED");
        assertThat(audit.chain("sign-in-address:198.51.100.3")).isEmpty();
    }

    @Test
    void theSessionCookieIsSecureWhenTheTrustedProxySaysTheRequestCameOverTls() throws Exception {
        assertThat(sessionCookie("https")).contains("Secure").contains("HttpOnly");
        assertThat(sessionCookie(null)).doesNotContain("Secure").contains("HttpOnly");
    }

    /** The JSESSIONID Set-Cookie of a form sign-in through the proxy (forwarded proto as given). */
    private String sessionCookie(String forwardedProto) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        HttpRequest.Builder page = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).timeout(TIMEOUT);
        if (forwardedProto != null) {
            page.header("X-Forwarded-Proto", forwardedProto);
        }
        String csrf = http.send(page.build(), HttpResponse.BodyHandlers.discarding()).headers().allValues("Set-Cookie")
                .stream().filter(c -> c.startsWith("XSRF-TOKEN=")).map(c -> c.substring(11, c.indexOf(';')))
                .findFirst().orElseThrow();
        HttpRequest.Builder signIn = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/sign-in"))
                .timeout(TIMEOUT).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", "XSRF-TOKEN=" + csrf).header("X-XSRF-TOKEN", csrf)
                .POST(HttpRequest.BodyPublishers.ofString("username=clerk&password=clerk-pw"));
        if (forwardedProto != null) {
            signIn.header("X-Forwarded-Proto", forwardedProto);
        }
        HttpResponse<String> answer = http.send(signIn.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().orElseThrow();
    }

    private RawHttp.Response basic(InetAddress from, String forwardedFor, String name) throws IOException {
        String credentials = java.util.Base64.getEncoder().encodeToString((name + ":wrong")
                .getBytes(StandardCharsets.UTF_8));
        return RawHttp.exchange(from, port, "GET", "/api/v1/me", List.of(
                new RawHttp.Header("X-Forwarded-For", forwardedFor),
                new RawHttp.Header("Authorization", "Basic " + credentials)), null, TIMEOUT);
    }
}
