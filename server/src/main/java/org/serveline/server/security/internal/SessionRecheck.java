package org.serveline.server.security.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A signed-in session follows what an administrator changes: on each request it re-reads the person, ends the
 * session of someone disabled or whose password was reset after they signed in, and takes up changed roles.
 */
public class SessionRecheck extends OncePerRequestFilter {

    /** Session attribute: when the person signed in. */
    public static final String SIGNED_IN_AT = "serveline.signedInAt";

    private final StaffUserRows users;

    public SessionRecheck(StaffUserRows users) {
        this.users = users;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (session == null || AuthorizationHeader.carriesCredentials(request.getHeader(HttpHeaders.AUTHORIZATION))
                || !(session.getAttribute(SIGNED_IN_AT) instanceof Instant signedInAt)
                || !(auth instanceof UsernamePasswordAuthenticationToken) || !auth.isAuthenticated()) {
            chain.doFilter(request, response);
            return;
        }
        Optional<StaffUser> user = users.find(auth.getName());
        if (user.isEmpty() || !user.get().enabled() || user.get().passwordChangedAt().isAfter(signedInAt)) {
            session.invalidate();
            SecurityContextHolder.clearContext();
        } else {
            var roles = new HashSet<GrantedAuthority>(RoleSet.authorities(user.get().roles()));
            if (!roles.equals(new HashSet<>(auth.getAuthorities()))) {
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                UsernamePasswordAuthenticationToken fresh = UsernamePasswordAuthenticationToken.authenticated(
                        auth.getName(), null, roles);
                fresh.setDetails(auth.getDetails());
                context.setAuthentication(fresh);
                SecurityContextHolder.setContext(context);
                session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, context);
            }
        }
        chain.doFilter(request, response);
    }
}
