package org.serveline.server.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallingHoursTests {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ZoneId URUMQI = ZoneId.of("Asia/Urumqi");

    @Test
    void hoursAreReadInThePartysOwnTimeZone() {
        Instant at = Instant.parse("2026-11-25T00:30:00Z"); // Wednesday 08:30 in Shanghai, 06:30 in Urumqi
        assertThat(CallingHours.DEFAULT.allows(at, SHANGHAI)).isTrue();
        assertThat(CallingHours.DEFAULT.allows(at, URUMQI)).isFalse();
        assertThat(CallingHours.DEFAULT.nextAllowed(at, URUMQI)).isEqualTo(Instant.parse("2026-11-25T02:00:00Z"));
    }

    @Test
    void afterHoursTheNextCallWaitsForTheNextWorkingMorning() {
        Instant fridayEvening = Instant.parse("2026-11-27T13:30:00Z"); // Friday 21:30 in Shanghai
        assertThat(CallingHours.DEFAULT.allows(fridayEvening, SHANGHAI)).isFalse();
        assertThat(CallingHours.DEFAULT.nextAllowed(fridayEvening, SHANGHAI))
                .isEqualTo(Instant.parse("2026-11-30T00:00:00Z")); // Monday 08:00
    }

    @Test
    void holidaysAreSkippedAndWeekendsCanBeAllowed() {
        CallingHours hours = new CallingHours(LocalTime.of(9, 0), LocalTime.of(18, 0), true,
                Set.of(LocalDate.of(2026, 11, 28)));
        Instant saturdayNoon = Instant.parse("2026-11-28T04:00:00Z");
        assertThat(hours.allows(saturdayNoon, SHANGHAI)).isFalse();
        assertThat(hours.nextAllowed(saturdayNoon, SHANGHAI)).isEqualTo(Instant.parse("2026-11-29T01:00:00Z"));
    }

    @Test
    void withinHoursTheCallMayGoNow() {
        Instant now = Instant.parse("2026-11-26T06:00:00Z"); // Thursday 14:00
        assertThat(CallingHours.DEFAULT.nextAllowed(now, SHANGHAI)).isEqualTo(now);
    }

    @Test
    void impossibleHoursAreRefused() {
        assertThatThrownBy(() -> new CallingHours(LocalTime.of(21, 0), LocalTime.of(8, 0), false, Set.of()))
                .hasMessageContaining("start before they end");
    }
}
