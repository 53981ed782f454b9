package org.serveline.server.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SettlePropertiesTests {

    @Test
    void unsetMeansAQuarterOfTheDialersTickAndTwoHundredReports() {
        SettleProperties defaults = new SettleProperties(null, 0);

        assertThat(defaults.tick()).isEqualTo(Duration.ofMillis(50));
        assertThat(defaults.batch()).isEqualTo(200);
    }

    @Test
    void aBatchTooBigForOneStatementOrATickThatNeverComesIsRefusedByName() {
        assertThatThrownBy(() -> new SettleProperties(null, 1_001)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("serveline.settle.batch");
        assertThatThrownBy(() -> new SettleProperties(Duration.ZERO, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("serveline.settle.tick");
        assertThatThrownBy(() -> new SettleProperties(Duration.ofMillis(-5), 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("serveline.settle.tick");
    }
}
