package org.serveline.server.web;

import java.util.Arrays;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Says what is wrong with an unreadable body in the client's terms: the field (by its JSON path) and what it should
 * hold, never the server's class names that Jackson's own messages carry.
 */
final class JsonProblems {

    private static final int MAX_ECHO = 100;

    private JsonProblems() {
    }

    static String detail(Throwable cause) {
        return switch (cause) {
            case UnrecognizedPropertyException u -> "unknown field '" + u.getPropertyName() + "'";
            case InvalidFormatException f -> "malformed JSON: " + where(f) + "'" + shorten(String.valueOf(f.getValue()))
                    + "' is not " + expected(f.getTargetType());
            case ValueInstantiationException v -> "malformed JSON: " + where(v)
                    + (v.getCause() != null && v.getCause().getMessage() != null
                            ? shorten(v.getCause().getMessage()) : "the value is not acceptable");
            case MismatchedInputException m -> "malformed JSON: " + where(m) + "expected " + expected(m.getTargetType());
            case StreamConstraintsException c ->
                    "malformed JSON: the body is nested too deeply or holds a value that is too long";
            case JacksonException j -> "malformed JSON" + (j.getLocation() == null ? ""
                    : " at line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr());
            default -> "the request body is missing or not readable";
        };
    }

    /** A value echoed back, cut to a readable length. */
    static String shorten(String value) {
        return value.length() <= MAX_ECHO ? value : value.substring(0, MAX_ECHO) + "…";
    }

    private static String where(JacksonException e) {
        String path = e.getPath().stream()
                .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return path.isEmpty() ? "the body: " : "field '" + path + "': ";
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "a value of another type";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        if (type == String.class || CharSequence.class.isAssignableFrom(type)) {
            return "a text";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number in range";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a JSON array";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type) || type == java.time.Period.class
                || type == java.time.Duration.class) {
            return "an ISO-8601 date, time or period";
        }
        return "a JSON object";
    }
}
