package org.serveline.server.security.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.serveline.server.security.SecurityProperties;

/**
 * Failed sign-ins per remote address, in this node's memory: more than {@code address-max-failures} within
 * {@code address-window} and the address may not try again until its oldest counted failure leaves the window.
 * It slows one machine guessing many names, which the per-name lock alone would not.
 */
public class AddressThrottle {

    private final Clock clock;
    private final SecurityProperties.SignIn settings;
    private final Cache<String, Deque<Instant>> failures;

    public AddressThrottle(Clock clock, SecurityProperties.SignIn settings) {
        this.clock = clock;
        this.settings = settings;
        this.failures = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(settings.addressWindow()).build();
    }

    /** Until when the address must wait, if it must. */
    public Optional<Instant> blockedUntil(String address) {
        Deque<Instant> times = failures.getIfPresent(address);
        if (times == null) {
            return Optional.empty();
        }
        synchronized (times) {
            Instant now = clock.instant();
            prune(times, now);
            return times.size() >= settings.addressMaxFailures()
                    ? Optional.of(times.peekFirst().plus(settings.addressWindow())) : Optional.empty();
        }
    }

    /** Counts a failure; whether the address is blocked from now on (true only for the failure that blocked it). */
    public boolean failed(String address) {
        Deque<Instant> times = failures.get(address, a -> new ArrayDeque<>());
        synchronized (times) {
            Instant now = clock.instant();
            prune(times, now);
            times.addLast(now);
            failures.put(address, times);
            return times.size() == settings.addressMaxFailures();
        }
    }

    private void prune(Deque<Instant> times, Instant now) {
        Instant oldest = now.minus(settings.addressWindow());
        while (!times.isEmpty() && !times.peekFirst().isAfter(oldest)) {
            times.removeFirst();
        }
    }
}
