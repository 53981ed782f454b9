package org.serveline.server.web;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * Renders a {@link ProblemText} in a reader's language from the {@code problems} bundle
 * ({@code problems_zh_CN.properties} Chinese; {@code problems.properties} holds the English titles): a key the bundle
 * lacks for that language falls back to the text's English as its call site wrote it, never to the machine's own
 * locale. Arguments are formatted as text ({@code 1234}, not {@code 1,234}).
 */
@Component
public class ProblemMessages {

    private final ResourceBundleMessageSource bundle = new ResourceBundleMessageSource();

    ProblemMessages() {
        bundle.setBasename("problems");
        bundle.setDefaultEncoding(StandardCharsets.UTF_8.name());
        bundle.setFallbackToSystemLocale(false);
    }

    public String render(ProblemText text, Locale locale) {
        if (ProblemText.UNTRANSLATED.equals(text.key())) {
            return text.english();
        }
        Object[] args = text.args().stream().map(a -> a instanceof ProblemText nested ? render(nested, locale)
                : String.valueOf(a)).toArray();
        String said = bundle.getMessage(text.key(), args, null, locale);
        return said != null ? said : text.english();
    }

    /** A problem's title for its HTTP status ({@code title.404}), or the status's reason phrase. */
    public String title(int status, String english, Locale locale) {
        String said = bundle.getMessage("title." + status, null, null, locale);
        return said != null ? said : english;
    }

    /** A problem whose title and detail are in the current request's language (its {@code Accept-Language}). */
    public ProblemDetail problem(HttpStatus status, String title, ProblemText detail) {
        Locale locale = LocaleContextHolder.getLocale();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, render(detail, locale));
        problem.setTitle(title(status.value(), title, locale));
        return problem;
    }
}
