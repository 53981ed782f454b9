package org.serveline.server.publicnotice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class NoticePeriodTests {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void thirtyDaysDoNotCountTheDayOfPublicationAndElapseAtTheStartOfTheLastDayInTheCourtsZone() {
        Instant published = Instant.parse("2026-12-01T02:00:00Z");   // 10:00 in Shanghai, 1 December
        NoticePeriod period = NoticePeriod.ofDays(30);

        assertThat(period.lastDay(published, SHANGHAI)).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(period.elapsesAt(published, SHANGHAI)).isEqualTo(Instant.parse("2026-12-30T16:00:00Z"));
    }

    @Test
    void theDayOfPublicationIsTheCourtsDayNotUtcs() {
        Instant published = Instant.parse("2026-12-01T17:30:00Z");   // already 2 December in Shanghai

        assertThat(NoticePeriod.ofDays(30).lastDay(published, SHANGHAI)).isEqualTo(LocalDate.of(2027, 1, 1));
        assertThat(NoticePeriod.ofDays(30).lastDay(published, ZoneId.of("UTC"))).isEqualTo(LocalDate.of(2026, 12, 31));
    }

    @Test
    void aPeriodOfMinutesRunsExactlyThatLong() {
        Instant published = Instant.parse("2026-12-01T02:00:00Z");
        NoticePeriod period = NoticePeriod.parse("PT3M");

        assertThat(period.wholeDays()).isFalse();
        assertThat(period.days()).isZero();
        assertThat(period.elapsesAt(published, SHANGHAI)).isEqualTo(Instant.parse("2026-12-01T02:03:00Z"));
        assertThat(period.chinese()).isEqualTo("3分钟");
    }

    @Test
    void sixtyDaysForAPartyAbroadParseFromIso() {
        NoticePeriod period = NoticePeriod.parse("P60D");
        assertThat(period.days()).isEqualTo(60);
        assertThat(period).hasToString("P60D");
        assertThat(period.chinese()).isEqualTo("60日");
    }

    @Test
    void nonsenseZeroNegativeAndOverAYearAreRefused() {
        assertThatThrownBy(() -> NoticePeriod.parse("sixty days")).isInstanceOf(InvalidNoticePeriodException.class)
                .hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> NoticePeriod.parse("PT0S")).isInstanceOf(InvalidNoticePeriodException.class);
        assertThatThrownBy(() -> NoticePeriod.parse("-P1D")).isInstanceOf(InvalidNoticePeriodException.class);
        assertThatThrownBy(() -> NoticePeriod.parse("P400D")).isInstanceOf(InvalidNoticePeriodException.class);
    }
}
