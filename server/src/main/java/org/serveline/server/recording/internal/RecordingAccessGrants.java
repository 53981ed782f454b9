package org.serveline.server.recording.internal;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import org.serveline.server.recording.AccessGrant;
import org.serveline.server.recording.Recording;
import org.serveline.server.recording.RecordingProperties;
import org.serveline.server.recording.Recordings;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code recording_access_grant} table: a reason stated once for one person, one recording's Opus copy, for
 * {@code serveline.recordings.access-grant-ttl}. The grant is checked on every request that names it; whether a
 * request is the first one served under it is decided in the database (an update that only one request can win), so
 * the audit event is written once per listening however many Range requests the player makes, on any node.
 */
@Service
public class RecordingAccessGrants {

    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");

    private final JdbcClient jdbc;
    private final Recordings recordings;
    private final RecordingProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    RecordingAccessGrants(JdbcClient jdbc, Recordings recordings, RecordingProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.recordings = recordings;
        this.properties = properties;
        this.clock = clock;
    }

    /** Grants {@code actor} the recording's Opus copy for the stated reason; nothing is served or audited yet. */
    @Transactional
    public AccessGrant grant(String recordingId, String reason, String actor) {
        String why = RecordingAccess.requireReason(reason);
        Recording recording = recordings.get(recordingId);
        if (recording.copyRemovedAt() != null) {
            throw new RecordingGoneException("the copy of recording " + recordingId + " was removed by retention");
        }
        Instant now = clock.instant();
        // expired grants are no use to anyone: the audit trail keeps what was served under them
        jdbc.sql("DELETE FROM recording_access_grant WHERE expires_at < :before")
                .param("before", Timestamp.from(now.minus(properties.accessGrantTtl()))).update();
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        Instant expires = now.plus(properties.accessGrantTtl());
        jdbc.sql("""
                INSERT INTO recording_access_grant (id, recording_id, actor, reason, created_at, expires_at)
                VALUES (:id, :recording, :actor, :reason, :created, :expires)""")
                .param("id", id).param("recording", recording.id()).param("actor", actor).param("reason", why)
                .param("created", Timestamp.from(now)).param("expires", Timestamp.from(expires)).update();
        String base = "/api/v1/recordings/" + recording.id();
        return new AccessGrant(id, recording.id(), actor, why, now, expires, base + "/audio?access=" + id,
                base + "/peaks?access=" + id);
    }

    /** What a valid grant allows. */
    public record Use(String grantId, String reason, Instant createdAt) {
    }

    /**
     * Checks that {@code grantId} lets {@code actor} stream recording {@code recordingId} now.
     *
     * @throws AccessRefusedException if the grant is unknown, another person's, another recording's or expired
     */
    @Transactional(readOnly = true)
    public Use check(String grantId, String recordingId, String actor) {
        if (grantId == null || !ID.matcher(grantId).matches()) {
            throw new AccessRefusedException("access id '" + grantId + "' is not one this server issued");
        }
        record Row(String recordingId, String actor, String reason, Instant createdAt, Instant expiresAt) {
        }
        Optional<Row> row = jdbc.sql("""
                SELECT recording_id, actor, reason, created_at, expires_at FROM recording_access_grant
                WHERE id = :id""").param("id", grantId)
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant()))
                .optional();
        Row grant = row.filter(r -> r.recordingId().equals(recordingId) && r.actor().equals(actor))
                .orElseThrow(() -> new AccessRefusedException("access id " + grantId
                        + " does not let you play recording " + recordingId + ": state a reason first"));
        Instant now = clock.instant();
        if (!now.isBefore(grant.expiresAt())) {
            throw new AccessRefusedException("access id " + grantId + " expired at " + grant.expiresAt()
                    + ": state the reason again");
        }
        return new Use(grantId, grant.reason(), grant.createdAt());
    }

    /** Claims the grant's first service: true for exactly one caller, whichever node it runs on. */
    @Transactional
    public boolean claimFirstService(String grantId) {
        return jdbc.sql("""
                UPDATE recording_access_grant SET first_served_at = :now
                WHERE id = :id AND first_served_at IS NULL""")
                .param("now", Timestamp.from(clock.instant())).param("id", grantId).update() == 1;
    }
}
