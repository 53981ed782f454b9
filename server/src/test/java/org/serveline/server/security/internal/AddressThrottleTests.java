package org.serveline.server.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.serveline.server.security.SecurityProperties;
import org.serveline.server.testsupport.MutableClock;

class AddressThrottleTests {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T08:00:00Z"));
    private final AddressThrottle throttle = new AddressThrottle(clock,
            new SecurityProperties.SignIn(5, Duration.ofMinutes(15), 3, Duration.ofMinutes(10)));

    @Test
    void anAddressIsBlockedAfterItsFailuresUntilTheOldestLeavesTheWindow() {
        assertThat(throttle.failed("10.0.0.1")).isFalse();
        clock.advance(Duration.ofMinutes(2));
        assertThat(throttle.failed("10.0.0.1")).isFalse();
        assertThat(throttle.blockedUntil("10.0.0.1")).isEmpty();
        assertThat(throttle.failed("10.0.0.1")).as("the failure that blocks it says so, once").isTrue();

        assertThat(throttle.blockedUntil("10.0.0.1")).hasValue(Instant.parse("2026-11-30T08:10:00Z"));
        assertThat(throttle.blockedUntil("10.0.0.2")).as("another address").isEmpty();

        clock.advanceTo(Instant.parse("2026-11-30T08:10:00Z"));
        assertThat(throttle.blockedUntil("10.0.0.1")).as("two failures left in the window").isEmpty();
    }

    @Test
    void failuresOutsideTheWindowDoNotCount() {
        throttle.failed("10.0.0.3");
        throttle.failed("10.0.0.3");
        clock.advance(Duration.ofMinutes(11));
        assertThat(throttle.failed("10.0.0.3")).isFalse();
        assertThat(throttle.blockedUntil("10.0.0.3")).isEmpty();
    }
}
