package org.serveline.server.web;

/** The request clashes with the current state of a resource (409). */
public class ConflictException extends RuntimeException {

    private final transient ProblemText text;

    public ConflictException(String message) {
        this(ProblemText.untranslated(message));
    }

    /** A conflict said in the reader's language: its key in the problems bundle, its English text and arguments. */
    public ConflictException(ProblemText text) {
        super(text.english());
        this.text = text;
    }

    public ProblemText text() {
        return text;
    }
}
