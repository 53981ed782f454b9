package org.serveline.server.security.internal;

import java.time.Instant;
import org.springframework.security.core.AuthenticationException;

/** A sign-in refused before the password was even checked: the name is locked, or the address is throttled. */
public class SignInRefused extends AuthenticationException {

    public enum Why {
        LOCKED, THROTTLED
    }

    private final Why why;
    private final Instant until;

    public SignInRefused(Why why, Instant until) {
        super(why == Why.LOCKED ? "too many failed sign-ins for this name" : "too many failed sign-ins from here");
        this.why = why;
        this.until = until;
    }

    public Why why() {
        return why;
    }

    public Instant until() {
        return until;
    }
}
