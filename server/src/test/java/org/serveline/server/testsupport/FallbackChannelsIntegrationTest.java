package org.serveline.server.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.serveline.server.postal.PostalCarrier;
import org.serveline.server.postal.carrier.HttpPostalCarrier;
import org.serveline.server.postal.carrier.RecordedCarrierServer;
import org.serveline.server.postal.carrier.WebhookSignature;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole server for the postal and public-notice tests: a {@link MutableClock} (tests move time, never wait),
 * the HTTP carrier adapter against a {@link RecordedCarrierServer} on 127.0.0.1, the schedulers off (tests run the
 * sweeps themselves), the server booking new mailings with the carrier.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ServelineIntegrationTest
@Import(FallbackChannelsIntegrationTest.Beans.class)
@TestPropertySource(properties = {"serveline.postal.scheduler-enabled=false",
        "serveline.public-notice.scheduler-enabled=false", "serveline.postal.book-with-carrier=true",
        "serveline.postal.retry-initial=PT1M", "serveline.postal.retry-max=PT10M", "serveline.postal.poll-interval=PT1H"})
public @interface FallbackChannelsIntegrationTest {

    String WEBHOOK_SECRET = "test-webhook-secret";

    @TestConfiguration(proxyBeanMethods = false)
    class Beans {

        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.parse("2026-12-01T02:00:00Z"));
        }

        @Bean(destroyMethod = "close")
        RecordedCarrierServer recordedCarrier() {
            return new RecordedCarrierServer();
        }

        @Bean
        @Primary
        PostalCarrier recordedHttpCarrier(RecordedCarrierServer server, Clock clock) {
            return new HttpPostalCarrier(server.baseUrl(), RecordedCarrierServer.API_KEY, Duration.ofMillis(800),
                    new WebhookSignature(WEBHOOK_SECRET, Duration.ofMinutes(5), clock));
        }
    }
}
