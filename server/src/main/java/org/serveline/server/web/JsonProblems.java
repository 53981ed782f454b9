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

    static ProblemText detail(Throwable cause) {
        return switch (cause) {
            case UnrecognizedPropertyException u -> ProblemText.of("json.unknown-field",
                    "unknown field '" + u.getPropertyName() + "'", u.getPropertyName());
            case InvalidFormatException f -> {
                String value = shorten(String.valueOf(f.getValue()));
                ProblemText where = where(f);
                ProblemText expected = expected(f.getTargetType());
                yield ProblemText.of("json.not", "malformed JSON: " + where.english() + "'" + value + "' is not "
                        + expected.english(), where, value, expected);
            }
            case ValueInstantiationException v -> {
                ProblemText where = where(v);
                ProblemText why = v.getCause() != null && v.getCause().getMessage() != null
                        ? ProblemText.untranslated(shorten(v.getCause().getMessage()))
                        : ProblemText.of("json.unacceptable", "the value is not acceptable");
                yield ProblemText.of("json.value", "malformed JSON: " + where.english() + why.english(), where, why);
            }
            case MismatchedInputException m -> {
                ProblemText where = where(m);
                ProblemText expected = expected(m.getTargetType());
                yield ProblemText.of("json.expected", "malformed JSON: " + where.english() + "expected "
                        + expected.english(), where, expected);
            }
            case StreamConstraintsException c -> ProblemText.of("json.too-deep",
                    "malformed JSON: the body is nested too deeply or holds a value that is too long");
            case JacksonException j -> j.getLocation() == null ? ProblemText.of("json.malformed", "malformed JSON")
                    : ProblemText.of("json.malformed-at", "malformed JSON at line " + j.getLocation().getLineNr()
                            + ", column " + j.getLocation().getColumnNr(), j.getLocation().getLineNr(),
                            j.getLocation().getColumnNr());
            default -> ProblemText.of("json.unreadable", "the request body is missing or not readable");
        };
    }

    /** A value echoed back, cut to a readable length. */
    static String shorten(String value) {
        return value.length() <= MAX_ECHO ? value : value.substring(0, MAX_ECHO) + "…";
    }

    private static ProblemText where(JacksonException e) {
        String path = e.getPath().stream()
                .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return path.isEmpty() ? ProblemText.of("json.where.body", "the body: ")
                : ProblemText.of("json.where.field", "field '" + path + "': ", path);
    }

    private static ProblemText expected(Class<?> type) {
        if (type == null) {
            return ProblemText.of("json.type.other", "a value of another type");
        }
        if (type.isEnum()) {
            String values = Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
            return ProblemText.of("json.type.enum", "one of " + values, values);
        }
        if (type == String.class || CharSequence.class.isAssignableFrom(type)) {
            return ProblemText.of("json.type.text", "a text");
        }
        if (type == Boolean.class || type == boolean.class) {
            return ProblemText.of("json.type.boolean", "true or false");
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return ProblemText.of("json.type.number", "a number in range");
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return ProblemText.of("json.type.array", "a JSON array");
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type) || type == java.time.Period.class
                || type == java.time.Duration.class) {
            return ProblemText.of("json.type.time", "an ISO-8601 date, time or period");
        }
        return ProblemText.of("json.type.object", "a JSON object");
    }
}
