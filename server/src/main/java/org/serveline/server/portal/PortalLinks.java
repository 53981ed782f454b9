package org.serveline.server.portal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.serveline.server.audit.AuditRecord;
import org.serveline.server.audit.AuditTrail;
import org.serveline.server.task.TaskId;
import org.serveline.server.web.ConflictException;
import org.serveline.server.web.ProblemText;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The parties' portal links: a short random token in the link and a 6-digit code in the message, kept only as an
 * HMAC keyed by the token. Wrong codes are counted under a row lock; at the limit the link locks. Every check, view
 * and download is an audit event on the task's chain, so it shows on the task's timeline.
 */
@Service
public class PortalLinks {

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final int TOKEN_LENGTH = 16;
    private static final String SELECT = "SELECT token, task_id, failed_tries, locked_at, expires_at, first_opened_at "
            + "FROM portal_link";

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final PortalProperties properties;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final SecureRandom random = new SecureRandom();

    PortalLinks(JdbcClient jdbc, AuditTrail audit, PortalProperties properties, Clock clock,
            ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
        this.events = events;
    }

    /** A new link for the task, in the caller's transaction (the message that carries it is written there too). */
    @Transactional
    public IssuedLink issue(TaskId task, String actor) {
        Instant now = now();
        String token = token();
        String code = String.format("%06d", random.nextInt(1_000_000));
        Instant expires = now.plus(properties.linkTtl());
        jdbc.sql("""
                INSERT INTO portal_link (token, task_id, code_hash, failed_tries, expires_at, created_at)
                VALUES (:token, :task, :hash, 0, :expires, :now)""")
                .param("token", token).param("task", task.value()).param("hash", hash(token, code))
                .param("expires", Timestamp.from(expires)).param("now", Timestamp.from(now)).update();
        // written with the transaction's other deferred audit events just before it commits (one multi-row append
        // for a settle batch's consents)
        audit.appendBeforeCommit(new AuditRecord(task.auditChain(), actor, "PORTAL_LINK_ISSUED", "task:" + task, null,
                null, Map.of("link", masked(token), "expiresAt", expires.toString())));
        return new IssuedLink(task, token, url(token), code, expires);
    }

    /**
     * Replaces the task's links by a new one (new code, no failed tries, new expiry) and tells the delivery feature
     * to send it; the old links answer like unknown ones from then on.
     */
    @Transactional
    public IssuedLink reissue(TaskId task, String actor) {
        IssuedLink link = replace(task, actor);
        events.publishEvent(new PortalLinkReissued(link, actor));
        return link;
    }

    /** As {@link #reissue}, for the caller that sends the new code itself (a fallback to another address). */
    @Transactional
    public IssuedLink replace(TaskId task, String actor) {
        int revoked = jdbc.sql("UPDATE portal_link SET revoked_at = :now WHERE task_id = :task AND revoked_at IS NULL")
                .param("now", Timestamp.from(now())).param("task", task.value()).update();
        if (revoked == 0) {
            throw new ConflictException(ProblemText.of("portal.nothing-to-reissue",
                    "task " + task + " has no portal link to reissue (it was never sent electronically)", task));
        }
        IssuedLink link = issue(task, actor);
        record(task, actor, "PORTAL_LINK_REISSUED", Map.of("link", masked(link.token()), "replaced", revoked));
        return link;
    }

    /** The link if it is usable (not expired, not replaced); locked links are returned, marked locked. */
    public Optional<PortalLink> find(String token) {
        if (!wellFormed(token)) {
            return Optional.empty();
        }
        return jdbc.sql(SELECT + " WHERE token = :token AND revoked_at IS NULL AND expires_at > :now")
                .param("token", token).param("now", Timestamp.from(now())).query(MAPPER).optional();
    }

    /** Checks a code under the link's row lock, counting a wrong one and locking the link at the limit. */
    @Transactional
    public CodeCheck check(String token, String code, Visitor visitor) {
        if (!wellFormed(token)) {
            return new CodeCheck.Unknown();
        }
        Optional<PortalLink> found = jdbc.sql(SELECT + " WHERE token = :token AND revoked_at IS NULL "
                        + "AND expires_at > :now FOR UPDATE")
                .param("token", token).param("now", Timestamp.from(now())).query(MAPPER).optional();
        if (found.isEmpty()) {
            return new CodeCheck.Unknown();
        }
        PortalLink link = found.get();
        if (link.locked()) {
            record(link.taskId(), "party", "PORTAL_LOCKED_TRIED", details(link, visitor));
            return new CodeCheck.Locked();
        }
        String stored = jdbc.sql("SELECT code_hash FROM portal_link WHERE token = :token").param("token", token)
                .query(String.class).single();
        String given = code == null ? "" : code.strip();
        if (!given.matches("\\d{6}") || !MessageDigest.isEqual(stored.getBytes(StandardCharsets.US_ASCII),
                hash(token, given).getBytes(StandardCharsets.US_ASCII))) {
            return wrong(link, visitor);
        }
        Instant now = now();
        boolean first = link.firstOpenedAt() == null;
        if (first) {
            jdbc.sql("UPDATE portal_link SET first_opened_at = :now WHERE token = :token")
                    .param("now", Timestamp.from(now)).param("token", token).update();
        }
        Map<String, Object> details = details(link, visitor);
        details.put("first", first);
        record(link.taskId(), "party", "PORTAL_CODE_ACCEPTED", details);
        events.publishEvent(new PortalOpened(link.taskId(), token, now, first, visitor.address()));
        return new CodeCheck.Accepted(new PortalLink(token, link.taskId(), link.failedTries(), null,
                link.expiresAt(), first ? now : link.firstOpenedAt()));
    }

    private CodeCheck wrong(PortalLink link, Visitor visitor) {
        int tries = link.failedTries() + 1;
        boolean lock = tries >= properties.maxCodeTries();
        jdbc.sql("UPDATE portal_link SET failed_tries = :tries, locked_at = :locked WHERE token = :token")
                .param("tries", tries).param("locked", lock ? Timestamp.from(now()) : null)
                .param("token", link.token()).update();
        Map<String, Object> details = details(link, visitor);
        details.put("failedTries", tries);
        record(link.taskId(), "party", "PORTAL_CODE_FAILED", details);
        if (lock) {
            record(link.taskId(), "system", "PORTAL_LOCKED", details);
            return new CodeCheck.Locked();
        }
        return new CodeCheck.Wrong(properties.maxCodeTries() - tries);
    }

    /** A page of the portal seen by the party (the code form, the document list, a document): an audit event. */
    @Transactional
    public void recordVisit(PortalLink link, String action, Visitor visitor, Map<String, Object> more) {
        Map<String, Object> details = details(link, visitor);
        details.putAll(more);
        record(link.taskId(), "party", action, details);
    }

    /** The links issued for a task, newest first (for staff). */
    public List<PortalLink> ofTask(TaskId task) {
        return jdbc.sql(SELECT + " WHERE task_id = :task ORDER BY created_at DESC").param("task", task.value())
                .query(MAPPER).list();
    }

    private Map<String, Object> details(PortalLink link, Visitor visitor) {
        Map<String, Object> details = new HashMap<>();
        details.put("link", masked(link.token()));
        details.put("at", now().toString());
        details.put("clientAddress", visitor.address());
        details.put("userAgent", visitor.userAgent());
        return details;
    }

    private void record(TaskId task, String actor, String action, Map<String, Object> details) {
        audit.append(new AuditRecord(task.auditChain(), actor, action, "task:" + task, null, null, details));
    }

    public String url(String token) {
        return properties.baseUrl() + "/s/" + token;
    }

    /** The token as the audit trail shows it: enough to tell links apart, not enough to use one. */
    private static String masked(String token) {
        return token.substring(0, 4) + "…";
    }

    private String token() {
        StringBuilder token = new StringBuilder(TOKEN_LENGTH);
        for (int i = 0; i < TOKEN_LENGTH; i++) {
            token.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return token.toString();
    }

    private static boolean wellFormed(String token) {
        return token != null && token.length() == TOKEN_LENGTH && token.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0);
    }

    static String hash(String token, String code) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(code.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static final RowMapper<PortalLink> MAPPER = (rs, n) -> new PortalLink(rs.getString(1),
            new TaskId(rs.getLong(2)), rs.getInt(3), instant(rs.getTimestamp(4)), instant(rs.getTimestamp(5)),
            instant(rs.getTimestamp(6)));

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
