package org.serveline.server.recording.internal;

/** An access id that does not let this person stream this recording now: unknown, another's, or expired (403). */
public class AccessRefusedException extends RuntimeException {

    public AccessRefusedException(String message) {
        super(message);
    }
}
