package org.serveline.server.web;

/** A body or upload over its limit (413). */
public class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(String message) {
        super(message);
    }
}
