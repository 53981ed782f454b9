package org.serveline.server.web;

/** A body or upload over its limit (413). */
public class PayloadTooLargeException extends RuntimeException {

    private final transient ProblemText text;

    public PayloadTooLargeException(String message) {
        this(ProblemText.untranslated(message));
    }

    /** Said in the reader's language: its key in the problems bundle, its English text and arguments. */
    public PayloadTooLargeException(ProblemText text) {
        super(text.english());
        this.text = text;
    }

    public ProblemText text() {
        return text;
    }
}
