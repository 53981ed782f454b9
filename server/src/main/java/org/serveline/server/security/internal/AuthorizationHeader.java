package org.serveline.server.security.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether an {@code Authorization} header carries credentials of its own: a well-formed {@code Bearer} token (RFC 6750
 * token68) or {@code Basic} name and password (Base64 of "name:password"). Only such a request is spared the CSRF token
 * and the session's re-check: any other header (empty, another scheme, garbage) leaves the request riding on its
 * session, which then needs its CSRF token like any other (ADR 0027).
 */
public final class AuthorizationHeader {

    private static final Pattern BEARER = Pattern.compile("Bearer +[A-Za-z0-9\\-._~+/]+=*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern BASIC = Pattern.compile("Basic +([A-Za-z0-9+/]+={0,2})", Pattern.CASE_INSENSITIVE);

    private AuthorizationHeader() {
    }

    public static boolean carriesCredentials(String header) {
        if (header == null) {
            return false;
        }
        String value = header.strip();
        if (BEARER.matcher(value).matches()) {
            return true;
        }
        Matcher basic = BASIC.matcher(value);
        if (!basic.matches()) {
            return false;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(basic.group(1)), StandardCharsets.UTF_8);
            return decoded.indexOf(':') > 0;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }
}
