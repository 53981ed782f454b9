package org.serveline.recordings;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a stored object lives: the lowercase hex SHA-256 of its bytes. Anything else (a path, "..", a shorter
 * string) is refused with {@link IllegalArgumentException}, so an address taken from a URL can never name a file.
 */
public record ContentAddress(String sha256) {

    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");

    public ContentAddress {
        Objects.requireNonNull(sha256, "sha256");
        if (!HEX_SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a content address (64 lowercase hex digits of a SHA-256): '"
                    + abbreviate(sha256) + "'");
        }
    }

    /** Parses an address, accepting upper case hex too. */
    public static ContentAddress parse(String text) {
        Objects.requireNonNull(text, "address");
        return new ContentAddress(text.toLowerCase(Locale.ROOT));
    }

    public static ContentAddress ofDigest(byte[] sha256Digest) {
        if (sha256Digest.length != 32) {
            throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, got " + sha256Digest.length);
        }
        return new ContentAddress(HexFormat.of().formatHex(sha256Digest));
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }

    @Override
    public String toString() {
        return sha256;
    }
}
