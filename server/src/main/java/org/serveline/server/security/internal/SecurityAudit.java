package org.serveline.server.security.internal;

import java.util.Map;
import org.serveline.server.security.SecurityEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Sign-ins, refusals, locks, user and token changes as audit events. A person's events form the chain
 * {@code staff:<name>} (also for a name nobody has: a lock on it is evidence of an attack); a token's
 * {@code api-token:<id>}. Published as {@link SecurityEvent}s, which the audit feature appends in the caller's
 * transaction.
 */
@Component
public class SecurityAudit {

    public static final String SIGNED_IN = "SIGNED_IN";
    public static final String SIGNED_OUT = "SIGNED_OUT";
    public static final String SIGN_IN_REFUSED = "SIGN_IN_REFUSED";
    public static final String SIGN_IN_LOCKED = "SIGN_IN_LOCKED";
    public static final String ADDRESS_THROTTLED = "SIGN_IN_ADDRESS_THROTTLED";
    public static final String USER_CREATED = "USER_CREATED";
    public static final String USER_SEEDED = "USER_SEEDED";
    public static final String USER_ROLES_CHANGED = "USER_ROLES_CHANGED";
    public static final String USER_PASSWORD_RESET = "USER_PASSWORD_RESET";
    public static final String USER_DISABLED = "USER_DISABLED";
    public static final String USER_ENABLED = "USER_ENABLED";
    public static final String USER_UNLOCKED = "USER_UNLOCKED";
    public static final String TOKEN_CREATED = "API_TOKEN_CREATED";
    public static final String TOKEN_REVOKED = "API_TOKEN_REVOKED";

    private final ApplicationEventPublisher events;

    SecurityAudit(ApplicationEventPublisher events) {
        this.events = events;
    }

    public static String chain(String user) {
        return "staff:" + user;
    }

    /** An event about a person (or a name someone tried), by {@code actor}. */
    public void user(String name, String actor, String action, String before, String after,
            Map<String, Object> details) {
        events.publishEvent(new SecurityEvent(chain(name), actor, action, "user:" + name, before, after, details));
    }

    public void token(long id, String actor, String action, Map<String, Object> details) {
        events.publishEvent(new SecurityEvent("api-token:" + id, actor, action, "api-token:" + id, null, null, details));
    }

    public void address(String address, String action, Map<String, Object> details) {
        events.publishEvent(new SecurityEvent("sign-in-address:" + address, "anonymous", action, "address:" + address,
                null, null, details));
    }
}
