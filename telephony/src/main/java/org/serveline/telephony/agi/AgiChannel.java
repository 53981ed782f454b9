package org.serveline.telephony.agi;

import java.time.Duration;
import java.util.Optional;

/**
 * The commands an application sends to its channel. Each call sends one command and blocks for its reply.
 * Every method may throw {@link AgiHangupException} (channel gone), {@link AgiCommandFailedException}
 * ({@code result=-1}), {@link AgiProtocolException} (unexpected or late reply) or {@link AgiException}
 * (connection lost).
 */
public interface AgiChannel {

    /** Channel status value for a channel that is up ({@code CHANNEL STATUS} result 6). */
    int STATUS_UP = 6;

    /** Answers the channel; a no-op when it is already up. */
    void answer();

    /**
     * Plays a sound file, given without extension, letting the party interrupt it with one of {@code escapeDigits}.
     */
    Playback streamFile(String file, String escapeDigits);

    /** Waits for one key press; empty on timeout. */
    Optional<Character> waitForDigit(Duration timeout);

    /** Plays {@code file} and collects up to {@code maxDigits} keys, ended early by {@code #} or a pause. */
    DigitInput getData(String file, Duration timeout, int maxDigits);

    /** Speaks digits one by one (in the channel's language). */
    void sayDigits(String digits);

    Optional<String> getVariable(String name);

    void setVariable(String name, String value);

    /** The channel state as {@code CHANNEL STATUS} reports it (6 = up). */
    int channelStatus();

    void hangup();

    /** True once Asterisk has said the channel hung up ({@code HANGUP} line or a 511 reply). */
    boolean hungUp();

    /**
     * Result of {@code STREAM FILE}.
     *
     * @param digit       the key that interrupted playback, if any
     * @param endPosition the sample position where playback stopped
     */
    record Playback(Optional<Character> digit, long endPosition) {
    }

    /**
     * Result of {@code GET DATA}.
     *
     * @param digits   the keys pressed, without the terminating {@code #}
     * @param timedOut true when input ended because the party paused
     */
    record DigitInput(String digits, boolean timedOut) {
    }
}
