package org.serveline.telephony.notice;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How patient the notice call is.
 *
 * @param questionRounds     how many times the party is asked (the notice counts as the first) before NoResponse
 * @param digitTimeout       how long to wait for a key after each question
 * @param mobileDigitTimeout the pause between keys that ends mobile number entry
 * @param mobileAttempts     how many times a mobile number may be entered
 * @param mobileNumber       what a valid mobile number looks like (default: Chinese mobile, 11 digits from 1)
 * @param replays            how many times a party may have the notice played again with 9
 */
public record NoticeSettings(int questionRounds, Duration digitTimeout, Duration mobileDigitTimeout,
        int mobileAttempts, Pattern mobileNumber, int replays) {

    public NoticeSettings {
        Objects.requireNonNull(digitTimeout, "digitTimeout");
        Objects.requireNonNull(mobileDigitTimeout, "mobileDigitTimeout");
        Objects.requireNonNull(mobileNumber, "mobileNumber");
        if (questionRounds < 1 || mobileAttempts < 1) {
            throw new IllegalArgumentException("questionRounds and mobileAttempts must be at least 1");
        }
        if (replays < 0) {
            throw new IllegalArgumentException("replays must not be negative");
        }
        if (digitTimeout.isNegative() || digitTimeout.isZero()) {
            throw new IllegalArgumentException("digitTimeout must be positive");
        }
    }

    public static NoticeSettings defaults() {
        return new NoticeSettings(3, Duration.ofSeconds(8), Duration.ofSeconds(5), 2, Pattern.compile("1\\d{10}"), 2);
    }
}
