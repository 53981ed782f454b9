package org.serveline.server.postal;

import java.time.Clock;
import org.serveline.server.postal.carrier.DemoCarrierScript;
import org.serveline.server.postal.carrier.HttpPostalCarrier;
import org.serveline.server.postal.carrier.InMemoryPostalCarrier;
import org.serveline.server.postal.carrier.NoPostalCarrier;
import org.serveline.server.postal.carrier.WebhookSignature;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The carrier adapter named by {@code serveline.postal.carrier}. */
@Configuration
class PostalConfiguration {

    @Bean
    PostalCarrier postalCarrier(PostalProperties properties, Clock clock) {
        return switch (properties.carrier()) {
            case NONE -> new NoPostalCarrier();
            case HTTP -> new HttpPostalCarrier(properties.http().baseUrl(), properties.http().apiKey(),
                    properties.http().timeout(), signature(properties, clock));
            case DEMO -> new InMemoryPostalCarrier(clock, signature(properties, clock),
                    new DemoCarrierScript(properties.demoStep()));
        };
    }

    private static WebhookSignature signature(PostalProperties properties, Clock clock) {
        String secret = properties.webhookSecret() == null || properties.webhookSecret().isBlank()
                ? "demo-webhook-secret" : properties.webhookSecret();
        return new WebhookSignature(secret, properties.webhookWindow(), clock);
    }
}
