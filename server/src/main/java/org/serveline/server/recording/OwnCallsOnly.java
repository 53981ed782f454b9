package org.serveline.server.recording;

import java.util.Set;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * An operator lists and hears only the recordings of calls they handled (the attempt's operator); supervisors,
 * reviewers and admins hear all (ADR 0019).
 */
final class OwnCallsOnly {

    private static final Set<String> ALL = Set.of("ROLE_SUPERVISOR", "ROLE_REVIEWER", "ROLE_ADMIN");

    private OwnCallsOnly() {
    }

    /** Whether the caller is limited to their own calls. */
    static boolean limited() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || auth.getAuthorities().stream().map(GrantedAuthority::getAuthority).noneMatch(ALL::contains);
    }

    /** @throws AccessDeniedException (403) when an operator asks for another operator's call */
    static Recording check(Recording recording, String actor) {
        if (limited() && !actor.equals(recording.operator())) {
            throw new AccessDeniedException("an operator hears only recordings of calls they handled");
        }
        return recording;
    }

    /** The operator a listing is narrowed to: the caller, when limited (asking for another is refused). */
    static String operator(String asked, String actor) {
        if (!limited()) {
            return asked;
        }
        if (asked != null && !asked.equals(actor)) {
            throw new AccessDeniedException("an operator lists only recordings of calls they handled");
        }
        return actor;
    }
}
