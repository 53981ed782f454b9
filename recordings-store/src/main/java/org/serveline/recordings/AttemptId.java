package org.serveline.recordings;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The durable id of a call attempt; recordings in the PBX's monitor spool are named by it. It becomes a file name,
 * so only a safe alphabet is accepted: letters, digits, '.', '_' and '-', not starting with '.', at most 128 chars.
 * Asterisk unique ids ("1732612345.17") fit.
 */
public record AttemptId(String value) {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");

    public AttemptId {
        Objects.requireNonNull(value, "attempt id");
        if (!SAFE.matcher(value).matches() || value.contains("..")) {
            throw new IllegalArgumentException("invalid attempt id '" + value
                    + "': only letters, digits, '.', '_' and '-' (no leading '.', no '..', at most 128 characters)");
        }
    }

    public static AttemptId of(String value) {
        return new AttemptId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
