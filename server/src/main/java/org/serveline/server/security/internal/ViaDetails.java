package org.serveline.server.security.internal;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authentication.AuthenticationDetailsSource;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/** The remote address and how the password came (form or HTTP Basic), for throttling and the audit. */
public class ViaDetails extends WebAuthenticationDetails implements PasswordSignIn.SignInVia {

    private final String via;

    ViaDetails(HttpServletRequest request, String via) {
        super(request);
        this.via = via;
    }

    @Override
    public String via() {
        return via;
    }

    public static AuthenticationDetailsSource<HttpServletRequest, WebAuthenticationDetails> source(String via) {
        return request -> new ViaDetails(request, via);
    }
}
