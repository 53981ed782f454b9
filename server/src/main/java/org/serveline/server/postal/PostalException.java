package org.serveline.server.postal;

/** The root of the postal feature's exceptions. */
public class PostalException extends RuntimeException {

    public PostalException(String message) {
        super(message);
    }

    public PostalException(String message, Throwable cause) {
        super(message, cause);
    }
}
