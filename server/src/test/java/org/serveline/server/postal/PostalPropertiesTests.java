package org.serveline.server.postal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PostalPropertiesTests {

    private static PostalProperties withRetries(Duration initial, Duration max) {
        return new PostalProperties(null, null, null, null, false, null, initial, max, null, null, null, null, null,
                null);
    }

    @Test
    void theWaitAfterFailuresDoublesUpToTheCap() {
        PostalProperties properties = withRetries(Duration.ofMinutes(1), Duration.ofMinutes(10));

        assertThat(properties.retryAfter(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(properties.retryAfter(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(properties.retryAfter(4)).isEqualTo(Duration.ofMinutes(8));
        assertThat(properties.retryAfter(5)).isEqualTo(Duration.ofMinutes(10));
        assertThat(properties.retryAfter(500)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void defaultsNeedNoCarrier() {
        PostalProperties properties = withRetries(null, null);

        assertThat(properties.carrier()).isEqualTo(PostalProperties.CarrierKind.NONE);
        assertThat(properties.pollInterval()).isEqualTo(Duration.ofHours(1));
        assertThat(properties.schedulerEnabled()).isTrue();
    }

    @Test
    void theHttpCarrierNeedsItsAddressAndWebhookSecret() {
        assertThatThrownBy(() -> new PostalProperties(PostalProperties.CarrierKind.HTTP, null, null, null, false, null,
                null, null, null, null, null, null, null, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("base-url");
    }
}
