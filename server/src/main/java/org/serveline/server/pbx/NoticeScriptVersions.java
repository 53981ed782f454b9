package org.serveline.server.pbx;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.serveline.telephony.prompt.RenderedNotice;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every notice wording a party may have heard, kept by the version the attempt stores ({@code script_version},
 * {@code <template version>@<sha256>}): the segments' texts in the order played, the voice and the court. Written
 * when the notice is prepared, before the call can play it; the table is append-only (database triggers).
 */
@Component
class NoticeScriptVersions {

    /**
     * One kept wording.
     *
     * @param wording the text of each segment, in the order played, the question last
     */
    record NoticeWording(String scriptVersion, String templateVersion, String contentHash, String court, String voice,
            Map<String, String> wording, Instant createdAt) {
    }

    private static final TypeReference<LinkedHashMap<String, String>> WORDING = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Cache<String, Boolean> kept = Caffeine.newBuilder().maximumSize(20_000).build();

    NoticeScriptVersions(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Keeps the notice's wording under its version, once; the same version again writes nothing. */
    void keep(RenderedNotice notice, String courtId, String voice) {
        String version = NoticeResults.version(notice.version());
        if (kept.getIfPresent(version) != null) {
            return;
        }
        jdbc.sql("""
                INSERT IGNORE INTO notice_script (script_version, template_version, content_hash, court_id, voice,
                                                  wording, created_at)
                VALUES (:version, :template, :hash, :court, :voice, :wording, :now)""")
                .param("version", version).param("template", notice.version().templateVersion())
                .param("hash", notice.version().contentHash()).param("court", courtId).param("voice", voice)
                .param("wording", json.writeValueAsString(notice.wording()))
                .param("now", Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS))).update();
        kept.put(version, true);
    }

    /** The wording of a version, as an attempt's {@code scriptVersion} names it. */
    Optional<NoticeWording> find(String scriptVersion) {
        return jdbc.sql("""
                SELECT script_version, template_version, content_hash, court_id, voice, wording, created_at
                  FROM notice_script WHERE script_version = :version""").param("version", scriptVersion)
                .query((rs, n) -> new NoticeWording(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), json.readValue(rs.getString(6), WORDING),
                        rs.getTimestamp(7).toInstant()))
                .optional();
    }
}
