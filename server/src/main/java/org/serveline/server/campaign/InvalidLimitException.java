package org.serveline.server.campaign;

import java.util.List;

/**
 * A campaign limit that cannot be: names the request field at fault and the key of its message in the problems
 * bundle, so the API says which field and says it in the reader's language (ADR 0026). Still an
 * {@link IllegalArgumentException} for code that builds limits itself.
 */
public class InvalidLimitException extends IllegalArgumentException {

    private final String field;
    private final String key;
    private final transient List<Object> args;

    InvalidLimitException(String field, String key, String message, Object... args) {
        super(message);
        this.field = field;
        this.key = key;
        this.args = List.of(args);
    }

    public String field() {
        return field;
    }

    public String key() {
        return key;
    }

    public List<Object> args() {
        return args;
    }
}
