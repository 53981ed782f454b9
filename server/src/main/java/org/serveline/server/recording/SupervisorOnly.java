package org.serveline.server.recording;

import java.util.Set;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** Changes to the audit of recordings (verdicts, legal holds, the queue) are for supervisors (and admins). */
final class SupervisorOnly {

    private static final Set<String> ROLES = Set.of("ROLE_SUPERVISOR", "ROLE_ADMIN");

    private SupervisorOnly() {
    }

    /** @throws AccessDeniedException (403) for anyone else */
    static void check() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        boolean allowed = auth != null && auth.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(ROLES::contains);
        if (!allowed) {
            throw new AccessDeniedException("only a supervisor may do this");
        }
    }
}
