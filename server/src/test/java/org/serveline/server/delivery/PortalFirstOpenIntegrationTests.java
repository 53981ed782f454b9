package org.serveline.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.serveline.server.testsupport.ElectronicServiceTest;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The alternative service-date rule: the SMSC's DELIVRD receipt is stored but serves nothing; the party's first
 * portal open with the right code does, and its time is the service date. Own schema (its own server).
 */
@TestPropertySource(properties = {
    "serveline.embedded-db.schema=serveline_first_open",
    "serveline.delivery.service-date-rule=PORTAL_FIRST_OPEN",
})
class PortalFirstOpenIntegrationTests extends ElectronicServiceTest {

    @Test
    void theFirstPortalOpenIsTheServiceDate() throws Exception {
        long id = electronicTask("NMG0303", "冯首开", "+86 151 0000 9001", null, "+8615100009001");
        await().atMost(Duration.ofSeconds(30)).until(() -> actions(id).contains("DELIVERY_CONFIRMED"));
        assertThat(state(id)).as("delivered to the phone, but not yet opened").isEqualTo("ELECTRONIC");

        String text = String.join("", smsTo("+8615100009001").stream().map(BuiltInSmsc.Received::text).toList());
        String[] link = linkAndCode(text);
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        Instant before = Instant.now();
        HttpResponse<String> opened = browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/s/" + link[0])).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("code=" + link[1])).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(opened.statusCode()).as("on to the document list").isEqualTo(303);

        assertThat(state(id)).isEqualTo("SERVED");
        JsonNode served = event(id, "TASK_DELIVERED");
        assertThat(served.get("serviceDateRule").asString()).isEqualTo("PORTAL_FIRST_OPEN");
        assertThat(served.get("channel").asString()).isEqualTo("ELECTRONIC");
        assertThat(served.get("address").asString()).isEqualTo("+8615100009001");
        assertThat(served.get("deliveryReceipt").asString()).contains("SMSC message ids");
        assertThat(Instant.parse(served.get("serviceDate").asString())).isAfterOrEqualTo(before.minusMillis(1))
                .isBefore(Instant.now());
    }
}
