package org.serveline.server.web;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/** The request is well-formed but its content is not acceptable; each violation names the field. */
public class InvalidRequestException extends RuntimeException {

    private final transient ProblemText text;
    private final transient List<Violation> violations;

    public InvalidRequestException(String message, List<Violation> violations) {
        this(ProblemText.untranslated(message), violations);
    }

    public InvalidRequestException(String field, String message) {
        this(field, ProblemText.untranslated(message));
    }

    /** One field at fault, said in the reader's language (the detail says the same as the violation). */
    public InvalidRequestException(String field, ProblemText text) {
        this(text, List.of(new Violation(field, text)));
    }

    /** Several fields at fault; the detail is said in the reader's language, each violation too when it has a key. */
    public InvalidRequestException(ProblemText text, List<Violation> violations) {
        super(text.english());
        this.text = text;
        this.violations = List.copyOf(violations);
    }

    public ProblemText text() {
        return text;
    }

    public List<Violation> violations() {
        return violations;
    }

    /**
     * A field at fault and what is wrong with it; {@code text}, when there is one, says the message in the reader's
     * language (it is not sent: the problem handler renders {@code message} from it).
     */
    public record Violation(String field, String message, @JsonIgnore ProblemText text) {

        public Violation(String field, String message) {
            this(field, message, null);
        }

        public Violation(String field, ProblemText text) {
            this(field, text.english(), text);
        }
    }
}
