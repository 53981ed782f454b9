package org.serveline.pbxsim.call;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AgiTurnTimesTests {

    @Test
    void percentilesOverAllTurnsOrOnlyThoseAfterTheFirstFew() {
        AgiTurnTimes turns = new AgiTurnTimes();
        for (int ms = 1; ms <= 100; ms++) {
            turns.record(ms * 1_000_000L);
        }
        turns.record(5_000_000L);

        assertThat(turns.percentileMillis(100)).isEqualTo(100.0);
        assertThat(turns.percentileMillis(50)).isEqualTo(50.0);
        assertThat(turns.percentileMillis(100, 100)).as("only the last turn").isEqualTo(5.0);
        assertThat(turns.percentileMillis(50, 90)).as("91..100 and 5").isEqualTo(95.0);
        assertThat(turns.percentileMillis(99, 101)).isNaN();
        assertThat(turns.percentileMillis(99, 5_000)).isNaN();
    }
}
