package org.serveline.server.web;

import java.util.List;

/** The request is valid on its own but refers to something that does not exist or cannot be used (422). */
public class UnprocessableException extends RuntimeException {

    private final transient ProblemText text;
    private final transient List<InvalidRequestException.Violation> violations;

    public UnprocessableException(String field, String message) {
        this(field, ProblemText.untranslated(message));
    }

    /** Said in the reader's language: its key in the problems bundle, its English text and arguments. */
    public UnprocessableException(String field, ProblemText text) {
        super(text.english());
        this.text = text;
        this.violations = List.of(new InvalidRequestException.Violation(field, text));
    }

    public ProblemText text() {
        return text;
    }

    public List<InvalidRequestException.Violation> violations() {
        return violations;
    }
}
