package org.serveline.server.web;

import java.util.List;

/** The request is valid on its own but refers to something that does not exist or cannot be used (422). */
public class UnprocessableException extends RuntimeException {

    private final List<InvalidRequestException.Violation> violations;

    public UnprocessableException(String field, String message) {
        super(message);
        this.violations = List.of(new InvalidRequestException.Violation(field, message));
    }

    public List<InvalidRequestException.Violation> violations() {
        return violations;
    }
}
