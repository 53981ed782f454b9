package org.serveline.telephony.notice;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One segment as the party heard it: part of the evidence of what was played before the deciding key.
 *
 * @param segment   the segment's name, e.g. {@code greeting}, {@code question}
 * @param startedAt when it started, from the start of the recording
 * @param played    how much of it was played (Asterisk's {@code endpos}, 8000 samples a second)
 * @param key       the key that cut it short, if one did
 */
public record PlayedSegment(String segment, Duration startedAt, Duration played, Optional<Character> key) {

    public PlayedSegment {
        Objects.requireNonNull(segment, "segment");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(played, "played");
        Objects.requireNonNull(key, "key");
    }

    /** "case@4.120s+2.500s" or, cut by a key, "greeting@0.210s+4.000s!1". */
    @Override
    public String toString() {
        return segment + "@" + seconds(startedAt) + "+" + seconds(played) + key.map(k -> "!" + k).orElse("");
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%d.%03ds", d.toSeconds(), d.toMillisPart());
    }
}
