package org.serveline.server.campaign;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.serveline.server.audit.AuditRecord;
import org.serveline.server.audit.AuditTrail;
import org.serveline.server.web.ConflictException;
import org.serveline.server.web.NotFoundException;
import org.serveline.server.web.ProblemText;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Campaigns: created with checked limits, then started, paused, resumed and stopped, their limits changed until they
 * stop — each move and change audited.
 */
@Service
public class Campaigns {

    /** How long the retry rules of a campaign are read from memory before the database is asked again. */
    static final Duration LIMITS_KEPT = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;
    private final JsonMapper json;
    /** Limits parsed once per distinct text: the dialer reads its campaigns many times a second. */
    private final Cache<String, CampaignLimits> limits = Caffeine.newBuilder().maximumSize(1_000).build();
    private final Cache<Long, CampaignLimits> limitsById = Caffeine.newBuilder().maximumSize(1_000)
            .expireAfterWrite(LIMITS_KEPT).build();

    Campaigns(JdbcClient jdbc, AuditTrail audit, Clock clock, JsonMapper json) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.json = json;
    }

    @Transactional
    public Campaign create(String name, String courtId, String caseType, CampaignLimits limits, String actor) {
        Instant now = now();
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        try {
            jdbc.sql("""
                    INSERT INTO campaign (name, court_id, case_type, state, limits, created_by, created_at, updated_at)
                    VALUES (:name, :court, :type, 'CREATED', :limits, :by, :now, :now)""")
                    .param("name", name).param("court", courtId).param("type", caseType)
                    .param("limits", json.writeValueAsString(limits)).param("by", actor)
                    .param("now", Timestamp.from(now)).update(keys, "id");
        } catch (DuplicateKeyException e) {
            throw new ConflictException(ProblemText.of("campaign.name-taken",
                    "a campaign named '" + name + "' exists already", name));
        }
        long id = keys.getKeyAs(Number.class).longValue();
        audit.append(new AuditRecord("campaign:" + id, actor, "CAMPAIGN_CREATED", "campaign:" + id, null,
                CampaignState.CREATED.name(), Map.of("name", name, "limits", json.writeValueAsString(limits))));
        return get(id);
    }

    @Transactional
    public Campaign move(long id, CampaignState to, String actor) {
        Campaign campaign = jdbc.sql(SELECT + " WHERE id = :id FOR UPDATE").param("id", id).query(this::map)
                .optional().orElseThrow(() -> notFound(id));
        if (!campaign.state().canMoveTo(to)) {
            throw new ConflictException(ProblemText.of("campaign.move",
                    "campaign " + id + " is " + campaign.state() + " and cannot become " + to, id,
                    ProblemText.of("campaign.state." + campaign.state(), campaign.state().toString()),
                    ProblemText.of("campaign.state." + to, to.toString())));
        }
        jdbc.sql("UPDATE campaign SET state = :state, updated_at = :now WHERE id = :id")
                .param("state", to.name()).param("now", Timestamp.from(now())).param("id", id).update();
        audit.append(new AuditRecord("campaign:" + id, actor, "CAMPAIGN_" + to.name(), "campaign:" + id,
                campaign.state().name(), to.name(), Map.of()));
        return get(id);
    }

    /**
     * New limits for a campaign not stopped, from its current ones ({@code change} may throw the request's own
     * errors); audited with both. The dialer reads its running campaigns on every tick, so the next tick dials within
     * them, on every node; the retry rules read here are at most {@link #LIMITS_KEPT} old on another node.
     */
    @Transactional
    public Campaign changeLimits(long id, UnaryOperator<CampaignLimits> change, String actor) {
        Campaign campaign = jdbc.sql(SELECT + " WHERE id = :id FOR UPDATE").param("id", id).query(this::map)
                .optional().orElseThrow(() -> notFound(id));
        if (campaign.state() == CampaignState.STOPPED) {
            throw new ConflictException(ProblemText.of("campaign.stopped-for-good",
                    "campaign " + id + " is stopped for good: its limits no longer change", id));
        }
        CampaignLimits changed = change.apply(campaign.limits());
        String before = json.writeValueAsString(campaign.limits());
        String after = json.writeValueAsString(changed);
        jdbc.sql("UPDATE campaign SET limits = :limits, updated_at = :now WHERE id = :id").param("limits", after)
                .param("now", Timestamp.from(now())).param("id", id).update();
        limitsById.invalidate(id);
        audit.append(new AuditRecord("campaign:" + id, actor, "CAMPAIGN_LIMITS_CHANGED", "campaign:" + id,
                campaign.state().name(), campaign.state().name(), Map.of("before", before, "after", after)));
        return get(id);
    }

    public Campaign get(long id) {
        return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(this::map).optional()
                .orElseThrow(() -> notFound(id));
    }

    /** The campaign's limits, kept for {@link #LIMITS_KEPT} (a change made on another node shows after that). */
    public CampaignLimits limits(long id) {
        return limitsById.get(id, campaign -> get(campaign).limits());
    }

    /** Only the campaign's state: what the dialer checks before every dial. */
    public CampaignState state(long id) {
        return jdbc.sql("SELECT state FROM campaign WHERE id = :id").param("id", id).query(String.class).optional()
                .map(CampaignState::valueOf).orElseThrow(() -> new NotFoundException(ProblemText.of("campaign.not-found", "no campaign " + id, id)));
    }

    public List<Campaign> all() {
        return jdbc.sql(SELECT + " ORDER BY id").query(this::map).list();
    }

    public List<Campaign> running() {
        return jdbc.sql(SELECT + " WHERE state = 'RUNNING' ORDER BY id").query(this::map).list();
    }

    @Transactional(readOnly = true)
    public CampaignProgress progress(long id) {
        Campaign campaign = get(id);
        Map<String, Long> outcomes = new TreeMap<>();
        jdbc.sql("SELECT COALESCE(outcome, state), COUNT(*) FROM call_attempt WHERE campaign_id = :id"
                + " GROUP BY COALESCE(outcome, state)").param("id", id)
                .query(rs -> {
                    outcomes.put(rs.getString(1), rs.getLong(2));
                });
        long dialled = outcomes.values().stream().mapToLong(Long::longValue).sum();
        long inCall = outcomes.getOrDefault("DIALING", 0L) + outcomes.getOrDefault("ANSWERED", 0L);
        long exhausted = jdbc.sql("""
                SELECT COUNT(DISTINCT a.task_id) FROM call_attempt a JOIN service_task t ON t.id = a.task_id
                 WHERE a.campaign_id = :id AND t.state IN ('POSTAL', 'IN_PERSON', 'PUBLIC_NOTICE')
                   AND NOT EXISTS (SELECT 1 FROM call_attempt b
                                    WHERE b.task_id = a.task_id AND b.outcome IN ('CONSENTED', 'REFUSED'))""")
                .param("id", id).query(Long.class).single();
        return new CampaignProgress(id, campaign.state(), dialled, inCall, outcomes,
                outcomes.getOrDefault("CONSENTED", 0L), outcomes.getOrDefault("REFUSED", 0L), exhausted);
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException(ProblemText.of("campaign.not-found", "no campaign with id " + id, id));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static final String SELECT = """
            SELECT id, name, court_id, case_type, state, limits, created_by, created_at, updated_at FROM campaign""";

    private Campaign map(ResultSet rs, int row) throws SQLException {
        return new Campaign(rs.getLong("id"), rs.getString("name"), rs.getString("court_id"), rs.getString("case_type"),
                CampaignState.valueOf(rs.getString("state")),
                limits.get(rs.getString("limits"), text -> json.readValue(text, CampaignLimits.class)),
                rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
