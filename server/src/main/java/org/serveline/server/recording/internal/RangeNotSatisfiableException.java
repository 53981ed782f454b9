package org.serveline.server.recording.internal;

/** The Range header cannot be served (416); {@code total} goes into {@code Content-Range: bytes *&#47;total}. */
public class RangeNotSatisfiableException extends RuntimeException {

    private final long total;

    public RangeNotSatisfiableException(String message, long total) {
        super(message);
        this.total = total;
    }

    public long total() {
        return total;
    }
}
