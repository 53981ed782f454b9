package org.serveline.server.web;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A message for a person: its key in the {@code problems} bundle, its arguments, and its English text. A reader
 * who asks for Chinese (the console, {@code Accept-Language: zh-CN}) gets the bundle's text; a reader who asks for
 * English or for nothing gets the English text as written here (ADR 0026). An argument may itself be a
 * {@code ProblemText}: it is rendered in the same language.
 */
public record ProblemText(String key, String english, List<Object> args) {

    public ProblemText {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(english, "english");
        args = List.copyOf(args.stream().map(a -> a == null ? "" : a).toList());
    }

    /** The key {@link #UNTRANSLATED}: a text said in English only, whatever the reader asks for. */
    public static final String UNTRANSLATED = "untranslated";

    public static ProblemText of(String key, String english, Object... args) {
        return new ProblemText(key, english, Arrays.asList(args));
    }

    /** A text that has no key in the bundle yet: every reader gets it as written. */
    public static ProblemText untranslated(String english) {
        return new ProblemText(UNTRANSLATED, english, List.of());
    }
}
