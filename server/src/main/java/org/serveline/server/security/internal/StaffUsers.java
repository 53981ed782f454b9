package org.serveline.server.security.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.serveline.server.security.Role;
import org.serveline.server.web.ConflictException;
import org.serveline.server.web.NotFoundException;
import org.serveline.server.web.ProblemText;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What an administrator does to people: create, change roles, reset a password, disable, enable, unlock. */
@Service
public class StaffUsers {

    private final StaffUserRows rows;
    private final SignInFailures failures;
    private final SecurityAudit audit;
    private final PasswordEncoder encoder;
    private final Clock clock;

    StaffUsers(StaffUserRows rows, SignInFailures failures, SecurityAudit audit, PasswordEncoder encoder,
            Clock clock) {
        this.rows = rows;
        this.failures = failures;
        this.audit = audit;
        this.encoder = encoder;
        this.clock = clock;
    }

    public List<StaffUser.View> all() {
        return rows.all().stream().map(this::view).toList();
    }

    public StaffUser.View get(String name) {
        return view(found(name));
    }

    @Transactional
    public StaffUser.View create(String name, String password, Collection<Role> roles, String actor) {
        if (!rows.insertIfAbsent(name, encoder.encode(password), roles, actor, clock.instant())) {
            throw new ConflictException(ProblemText.of("user.exists", "a user named '" + name + "' exists", name));
        }
        // the roles go in the details: all six do not fit an audit state column (40 characters)
        audit.user(name, actor, SecurityAudit.USER_CREATED, null, null, Map.of("roles", RoleSet.column(roles)));
        return get(name);
    }

    /** A user from configuration, inserted when absent: a user changed since (password, roles) is left alone. */
    @Transactional
    public boolean seed(String name, String configuredPassword, Collection<Role> roles) {
        boolean plain = configuredPassword.startsWith("{noop}");
        if (!plain && !configuredPassword.startsWith("{bcrypt}")) {
            throw new IllegalStateException("serveline.security.users: the password of '" + name
                    + "' must be {bcrypt}… or {noop}…");
        }
        if (rows.find(name).isPresent()) {
            return false;
        }
        String hash = plain ? encoder.encode(configuredPassword.substring("{noop}".length())) : configuredPassword;
        if (!rows.insertIfAbsent(name, hash, roles, "configuration", clock.instant())) {
            return false;
        }
        audit.user(name, "system", SecurityAudit.USER_SEEDED, null, null, Map.of("roles", RoleSet.column(roles)));
        return true;
    }

    @Transactional
    public StaffUser.View roles(String name, Set<Role> roles, String actor) {
        StaffUser user = locked(name);
        rows.roles(name, roles);
        audit.user(name, actor, SecurityAudit.USER_ROLES_CHANGED, null, null,
                Map.of("rolesBefore", RoleSet.column(user.roles()), "rolesAfter", RoleSet.column(roles)));
        return get(name);
    }

    /** A new password; sessions of the person signed in before it end (see {@link SessionRecheck}). */
    @Transactional
    public StaffUser.View resetPassword(String name, String password, String actor) {
        locked(name);
        rows.password(name, encoder.encode(password), clock.instant());
        audit.user(name, actor, SecurityAudit.USER_PASSWORD_RESET, null, null, Map.of());
        return get(name);
    }

    @Transactional
    public StaffUser.View enabled(String name, boolean enabled, String actor) {
        StaffUser user = locked(name);
        if (!enabled && name.equals(actor)) {
            throw new ConflictException(ProblemText.of("user.self-disable",
                    "an administrator may not disable themselves"));
        }
        if (user.enabled() != enabled) {
            rows.enabled(name, enabled);
            audit.user(name, actor, enabled ? SecurityAudit.USER_ENABLED : SecurityAudit.USER_DISABLED,
                    String.valueOf(user.enabled()), String.valueOf(enabled), Map.of());
        }
        return get(name);
    }

    @Transactional
    public StaffUser.View unlock(String name, String actor) {
        found(name);
        failures.unlock(name, actor);
        return get(name);
    }

    private StaffUser found(String name) {
        return rows.find(name).orElseThrow(() -> new NotFoundException(ProblemText.of("user.not-found", "no user '" + name + "'", name)));
    }

    private StaffUser locked(String name) {
        return rows.lock(name).orElseThrow(() -> new NotFoundException(ProblemText.of("user.not-found", "no user '" + name + "'", name)));
    }

    private StaffUser.View view(StaffUser user) {
        Instant until = failures.lockedUntil(user.name()).orElse(null);
        return user.view(until);
    }
}
