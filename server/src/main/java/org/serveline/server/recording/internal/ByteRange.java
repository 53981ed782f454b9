package org.serveline.server.recording.internal;

import java.util.List;
import org.springframework.http.HttpRange;

/**
 * The bytes one response serves: all of them, or the single range a {@code Range} header asks for (RFC 9110,
 * parsed by Spring's {@link HttpRange}).
 *
 * @param first offset of the first byte
 * @param length number of bytes
 * @param total size of the whole object
 * @param partial whether this answers a Range request (206)
 */
public record ByteRange(long first, long length, long total, boolean partial) {

    /** The range a {@code Range} header (null: none) asks of an object of {@code total} bytes. */
    public static ByteRange of(String header, long total) {
        if (header == null) {
            return new ByteRange(0, total, total, false);
        }
        List<HttpRange> ranges;
        try {
            ranges = HttpRange.parseRanges(header);
        } catch (IllegalArgumentException e) {
            throw new RangeNotSatisfiableException("malformed Range header '" + header + "'", total);
        }
        if (ranges.size() != 1) {
            throw new RangeNotSatisfiableException("only one byte range per request is served, got " + ranges.size(),
                    total);
        }
        try {
            long first = ranges.getFirst().getRangeStart(total);
            long last = ranges.getFirst().getRangeEnd(total);
            if (first >= total || last < first) {
                throw new IllegalArgumentException("empty range");
            }
            return new ByteRange(first, last - first + 1, total, true);
        } catch (IllegalArgumentException e) {
            throw new RangeNotSatisfiableException("range '" + header + "' is outside the " + total + " bytes",
                    total);
        }
    }

    public long last() {
        return first + length - 1;
    }

    /** The Content-Range value of a 206 response. */
    public String contentRange() {
        return "bytes " + first + "-" + last() + "/" + total;
    }

    /** How the audit event names what was served. */
    public String describe() {
        return partial ? "bytes=" + first + "-" + last() : "full";
    }
}
