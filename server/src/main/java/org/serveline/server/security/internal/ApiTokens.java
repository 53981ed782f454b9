package org.serveline.server.security.internal;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.serveline.server.security.Role;
import org.serveline.server.support.Sha256;
import org.serveline.server.web.ConflictException;
import org.serveline.server.web.NotFoundException;
import org.serveline.server.web.ProblemText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API tokens for machines (the case-management system): 256 random bits, shown once, kept as their SHA-256 (a
 * secret that random needs no slow hash: ADR 0019), each with its own roles. Sent as {@code Authorization: Bearer}.
 */
@Service
public class ApiTokens {

    /** Tokens start with this, so a leaked one is recognisable (secret scanners, logs). */
    public static final String PREFIX = "svl_";
    /** How stale {@code last_used_at} may be: a busy token is not written on every request. */
    static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

    private static final String SELECT = "SELECT id, name, roles, created_by, created_at, last_used_at, revoked_at, "
            + "revoked_by FROM api_token";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecurityAudit audit;
    private final SecureRandom random = new SecureRandom();

    ApiTokens(JdbcClient jdbc, Clock clock, SecurityAudit audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
    }

    @Transactional
    public ApiToken.Created create(String name, Collection<Role> roles, String actor) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO api_token (name, token_sha256, roles, created_by, created_at) "
                        + "VALUES (:name, :hash, :roles, :by, :at)")
                .param("name", name).param("hash", Sha256.hex(secret)).param("roles", RoleSet.column(roles))
                .param("by", actor).param("at", Timestamp.from(now)).update(key);
        long id = key.getKey().longValue();
        audit.token(id, actor, SecurityAudit.TOKEN_CREATED, Map.of("name", name, "roles", RoleSet.column(roles)));
        return new ApiToken.Created(get(id), secret);
    }

    @Transactional
    public ApiToken revoke(long id, String actor) {
        ApiToken token = jdbc.sql(SELECT + " WHERE id = :id FOR UPDATE").param("id", id).query(ApiTokens::map)
                .optional().orElseThrow(() -> new NotFoundException(ProblemText.of("token.not-found", "no API token " + id, id)));
        if (token.revokedAt() != null) {
            throw new ConflictException(ProblemText.of("token.revoked",
                    "API token " + id + " was revoked at " + token.revokedAt() + " by " + token.revokedBy(), id,
                    token.revokedAt(), token.revokedBy()));
        }
        jdbc.sql("UPDATE api_token SET revoked_at = :at, revoked_by = :by WHERE id = :id")
                .param("at", Timestamp.from(clock.instant())).param("by", actor).param("id", id).update();
        audit.token(id, actor, SecurityAudit.TOKEN_REVOKED, Map.of("name", token.name()));
        return get(id);
    }

    public List<ApiToken> all() {
        return jdbc.sql(SELECT + " ORDER BY id").query(ApiTokens::map).list();
    }

    public ApiToken get(long id) {
        return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(ApiTokens::map).optional()
                .orElseThrow(() -> new NotFoundException(ProblemText.of("token.not-found", "no API token " + id, id)));
    }

    /** The live token with this secret, its use noted; empty for an unknown or revoked one. */
    public Optional<ApiToken> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) {
            return Optional.empty();
        }
        Optional<ApiToken> token = jdbc.sql(SELECT + " WHERE token_sha256 = :hash AND revoked_at IS NULL")
                .param("hash", Sha256.hex(secret)).query(ApiTokens::map).optional();
        Instant now = clock.instant();
        token.filter(t -> t.lastUsedAt() == null || t.lastUsedAt().plus(LAST_USED_PRECISION).isBefore(now))
                .ifPresent(t -> jdbc.sql("UPDATE api_token SET last_used_at = :at WHERE id = :id")
                        .param("at", Timestamp.from(now)).param("id", t.id()).update());
        return token;
    }

    private static ApiToken map(ResultSet rs, int row) throws SQLException {
        return new ApiToken(rs.getLong("id"), rs.getString("name"), RoleSet.parse(rs.getString("roles")),
                rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(), instant(rs, "last_used_at"),
                instant(rs, "revoked_at"), rs.getString("revoked_by"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
