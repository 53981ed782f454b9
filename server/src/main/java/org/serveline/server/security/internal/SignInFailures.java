package org.serveline.server.security.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.serveline.server.security.SecurityProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Failed sign-ins per name tried ({@code sign_in_failure}), in the database so every node counts the same: after
 * {@code max-failures} in a row the name is locked for {@code lock-for}. Names nobody has are counted and locked
 * the same way, so a lock never tells whether the person exists. Failures older than a lock period no longer count.
 */
@Component
public class SignInFailures {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecurityProperties.SignIn settings;
    private final SecurityAudit audit;

    SignInFailures(JdbcClient jdbc, Clock clock, SecurityProperties properties, SecurityAudit audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = properties.signIn();
        this.audit = audit;
    }

    /** Until when the name is locked, if it is now. */
    public Optional<Instant> lockedUntil(String name) {
        return state(name).flatMap(State::lockedUntil);
    }

    /** The name's failures, if it has any: whether it is locked now (then a success clears them). */
    public Optional<State> state(String name) {
        Instant now = clock.instant();
        return jdbc.sql("SELECT locked_until FROM sign_in_failure WHERE name = :name").param("name", name)
                .query((rs, n) -> new State(Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant)
                        .filter(now::isBefore)))
                .optional();
    }

    /** A name with failures counted; locked until then, if it is now. */
    public record State(Optional<Instant> lockedUntil) {
    }

    /**
     * Counts a failure and audits it (and the lock it causes) in one transaction.
     *
     * @return until when the name is now locked, if this failure locked it
     */
    @Transactional
    public Optional<Instant> failed(String name, String address, String via, String why) {
        Instant now = clock.instant();
        jdbc.sql("INSERT IGNORE INTO sign_in_failure (name, failures, last_failure_at) VALUES (:name, 0, :at)")
                .param("name", name).param("at", Timestamp.from(now)).update();
        Row row = jdbc.sql("SELECT failures, last_failure_at, locked_until FROM sign_in_failure WHERE name = :name "
                        + "FOR UPDATE").param("name", name)
                .query((rs, n) -> new Row(rs.getInt(1), rs.getTimestamp(2).toInstant(),
                        Optional.ofNullable(rs.getTimestamp(3)).map(Timestamp::toInstant).orElse(null)))
                .single();
        boolean stale = (row.lockedUntil() != null && !now.isBefore(row.lockedUntil()))
                || row.lastFailureAt().plus(settings.lockFor()).isBefore(now);
        int failures = stale ? 1 : row.failures() + 1;
        Instant lockedUntil = failures >= settings.maxFailures() ? now.plus(settings.lockFor()) : null;
        jdbc.sql("UPDATE sign_in_failure SET failures = :failures, last_failure_at = :at, locked_until = :until "
                        + "WHERE name = :name").param("failures", failures).param("at", Timestamp.from(now))
                .param("until", lockedUntil == null ? null : Timestamp.from(lockedUntil)).param("name", name).update();
        Map<String, Object> details = new HashMap<>();
        details.put("address", address);
        details.put("via", via);
        details.put("reason", why);
        details.put("failures", failures);
        audit.user(name, name, SecurityAudit.SIGN_IN_REFUSED, null, null, details);
        if (lockedUntil != null) {
            audit.user(name, "system", SecurityAudit.SIGN_IN_LOCKED, null, null,
                    Map.of("failures", failures, "lockedUntil", lockedUntil.toString(), "address", address));
        }
        return Optional.ofNullable(lockedUntil);
    }

    /** A success ends the count. */
    public void succeeded(String name) {
        jdbc.sql("DELETE FROM sign_in_failure WHERE name = :name").param("name", name).update();
    }

    /** An administrator lifts a lock; whether there was one. */
    @Transactional
    public boolean unlock(String name, String actor) {
        Optional<Instant> until = lockedUntil(name);
        succeeded(name);
        until.ifPresent(u -> audit.user(name, actor, SecurityAudit.USER_UNLOCKED, null, null,
                Map.of("lockedUntil", u.toString())));
        return until.isPresent();
    }

    private record Row(int failures, Instant lastFailureAt, Instant lockedUntil) {
    }
}
