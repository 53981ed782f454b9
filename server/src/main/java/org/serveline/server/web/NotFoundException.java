package org.serveline.server.web;

/** A referenced thing does not exist: 404, or 422 when it was referenced from a request body. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
