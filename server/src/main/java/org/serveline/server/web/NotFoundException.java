package org.serveline.server.web;

/** A referenced thing does not exist: 404, or 422 when it was referenced from a request body. */
public class NotFoundException extends RuntimeException {

    private final transient ProblemText text;

    public NotFoundException(String message) {
        this(ProblemText.untranslated(message));
    }

    /** Said in the reader's language: its key in the problems bundle, its English text and arguments. */
    public NotFoundException(ProblemText text) {
        super(text.english());
        this.text = text;
    }

    public ProblemText text() {
        return text;
    }
}
