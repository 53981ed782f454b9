package org.serveline.server.court;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import java.util.regex.Pattern;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.serveline.server.task.ServiceChannel;
import org.serveline.server.web.InvalidRequestException;
import org.serveline.server.web.ProblemText;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Courts (from configuration, mirrored into the database) and the cases filed under them. */
@Service
public class Courts {

    /** A Chinese case number: (year) court code + case type + sequence + 号, e.g. (2026)内0303民初1234号. */
    private static final Pattern CASE_NUMBER = Pattern.compile("^[(（]\\d{4}[)）][\\p{IsHan}A-Za-z0-9]{2,40}号$");

    private final JdbcClient jdbc;
    private final Cache<String, Court> recent = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(1)).maximumSize(1_000).build();
    private final CourtProperties properties;
    private final Clock clock;

    Courts(JdbcClient jdbc, CourtProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    @EventListener(ApplicationStartedEvent.class)
    @Transactional
    public void syncConfiguredCourts() {
        for (CourtProperties.CourtSpec spec : properties.courts()) {
            jdbc.sql("""
                    INSERT INTO court (id, name, time_zone, channel_chain, created_at)
                    VALUES (:id, :name, :zone, :chain, :now)
                    ON DUPLICATE KEY UPDATE name = VALUES(name), time_zone = VALUES(time_zone),
                                            channel_chain = VALUES(channel_chain)""")
                    .param("id", spec.id()).param("name", spec.name()).param("zone", spec.timeZone().getId())
                    .param("chain", ServiceChannel.formatChain(spec.channelChain()))
                    .param("now", Timestamp.from(clock.instant())).update();
        }
    }

    /** The court; read at most once a minute per court (courts change only when a node starts with new settings). */
    public Optional<Court> find(String id) {
        Court known = recent.getIfPresent(id);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Court> court = read(id);
        court.ifPresent(c -> recent.put(id, c));
        return court;
    }

    private Optional<Court> read(String id) {
        return jdbc.sql("SELECT id, name, time_zone, channel_chain FROM court WHERE id = :id").param("id", id)
                .query((rs, n) -> new Court(rs.getString(1), rs.getString(2), ZoneId.of(rs.getString(3)),
                        ServiceChannel.parseChain(rs.getString(4))))
                .optional();
    }

    /** The case's id, filing it under the court on first sight. */
    @Transactional
    public long fileCase(String courtId, String caseNumber, String cause) {
        if (caseNumber == null || !CASE_NUMBER.matcher(caseNumber).matches()) {
            throw new InvalidRequestException("caseNumber", ProblemText.of("case-number.form",
                    "case number '" + caseNumber + "' is not of the form (2026)内0303民初1234号", caseNumber));
    }
        jdbc.sql("""
                INSERT IGNORE INTO case_file (court_id, case_number, cause, created_at)
                VALUES (:court, :number, :cause, :now)""")
                .param("court", courtId).param("number", caseNumber).param("cause", cause)
                .param("now", Timestamp.from(clock.instant())).update();
        return jdbc.sql("SELECT id FROM case_file WHERE court_id = :court AND case_number = :number")
                .param("court", courtId).param("number", caseNumber).query(Long.class).single();
    }

    public Optional<String> caseNumber(long caseId) {
        return jdbc.sql("SELECT case_number FROM case_file WHERE id = :id").param("id", caseId)
                .query(String.class).optional();
    }
}
