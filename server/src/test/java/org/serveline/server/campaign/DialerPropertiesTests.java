package org.serveline.server.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DialerPropertiesTests {

    @Test
    void defaultsFillWhatIsNotSet() {
        DialerProperties defaults = new DialerProperties(null, null, null, null, 0, null, null);

        assertThat(defaults.enabled()).isTrue();
        assertThat(defaults.batch()).isEqualTo(50);
        assertThat(defaults.node()).isNotBlank();
    }

    @Test
    void refusesABatchTooLargeForOneMultiRowStatement() {
        assertThat(new DialerProperties(true, "n", null, null, DialerProperties.MAX_BATCH, null, null).batch())
                .isEqualTo(1_000);
        assertThatThrownBy(() -> new DialerProperties(true, "n", null, null, 5_000, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("serveline.dialer.batch")
                .hasMessageContaining("1000");
    }
}
