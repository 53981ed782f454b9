package org.serveline.server.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/**
 * The language a request's reader asked for in {@code Accept-Language}: Simplified Chinese for any Chinese range
 * that comes before English, English otherwise, and English when the header is missing or unreadable, so that an
 * API client that asks for nothing keeps the English details it always had (ADR 0026). Spring MVC resolves the
 * request's locale with the same rule, so Bean Validation's messages follow it too.
 */
@Configuration(proxyBeanMethods = false)
public class ReaderLocale {

    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

    public static Locale of(HttpServletRequest request) {
        String header;
        try {
            header = request.getHeader("Accept-Language");
        } catch (RuntimeException rejected) {
            // Spring Security's firewall refuses a header value (non-ASCII, control characters) when it is read
            return Locale.ENGLISH;
        }
        return of(header);
    }

    static Locale of(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return Locale.ENGLISH;
        }
        try {
            for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                if (range.getWeight() <= 0) {
                    continue;
                }
                String language = range.getRange().split("-", 2)[0];
                if (language.equals("zh")) {
                    return CHINESE;
                }
                if (language.equals("en") || language.equals("*")) {
                    return Locale.ENGLISH;
                }
            }
        } catch (IllegalArgumentException unreadable) {
            return Locale.ENGLISH;
        }
        return Locale.ENGLISH;
    }

    @Bean(DispatcherServlet.LOCALE_RESOLVER_BEAN_NAME)
    LocaleResolver localeResolver() {
        return new AcceptHeaderLocaleResolver() {
            @Override
            public Locale resolveLocale(HttpServletRequest request) {
                return of(request);
            }
        };
    }
}
