package org.serveline.server.task;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Work claiming for many server nodes on one database: a node claims tasks in given states with
 * {@code SELECT … FOR UPDATE SKIP LOCKED} and marks them with its name and a lease expiry. A lease that is
 * not renewed runs out, and another node takes the task over.
 */
@Service
public class TaskLeases {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    TaskLeases(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
    }

    /** Claims up to {@code limit} unleased (or lease-expired) tasks in the given states for {@code owner}. */
    @Transactional
    public List<TaskId> claim(Collection<TaskState> states, String owner, int limit, Duration lease) {
        return claim(new ClaimQuery(states, null, null, false, false), owner, limit, lease);
    }

    /** Which tasks a claim takes: by state, optionally by court and case type, only when due, never mid-call. */
    public record ClaimQuery(Collection<TaskState> states, String courtId, String caseType, boolean dueOnly,
            boolean withoutLiveCall) {
    }

    /** Claims up to {@code limit} tasks matching {@code query} for {@code owner}, in priority order. */
    @Transactional(isolation = Isolation.READ_COMMITTED)
    public List<TaskId> claim(ClaimQuery query, String owner, int limit, Duration lease) {
        Instant now = now();
        StringBuilder sql = new StringBuilder("""
                SELECT t.id FROM service_task t
                 WHERE t.state IN (:states) AND (t.lease_until IS NULL OR t.lease_until < :now)""");
        Map<String, Object> params = new HashMap<>();
        params.put("states", query.states().stream().map(Enum::name).toList());
        params.put("now", Timestamp.from(now));
        if (query.courtId() != null) {
            sql.append(" AND t.court_id = :court");
            params.put("court", query.courtId());
        }
        if (query.caseType() != null) {
            sql.append(" AND t.case_number LIKE :caseType");
            params.put("caseType", "%" + query.caseType() + "%");
        }
        if (query.dueOnly()) {
            sql.append(" AND (t.next_call_at IS NULL OR t.next_call_at <= :now)");
        }
        if (query.withoutLiveCall()) {
            sql.append(" AND NOT EXISTS (SELECT 1 FROM call_attempt a WHERE a.task_id = t.id AND a.state <> 'ENDED')");
        }
        sql.append("""
                 ORDER BY FIELD(t.priority, 'URGENT', 'HIGH', 'NORMAL', 'LOW'), t.hearing_date IS NULL, t.hearing_date,
                          t.deadline IS NULL, t.deadline, t.id
                 LIMIT :candidates""");
        // Two steps: an ordered read without locks picks candidates; then just as many rows as still wanted are
        // locked by primary key, skipping any another node holds. A locking read with ORDER BY would lock every
        // row the sort examined and starve the other nodes.
        List<Long> candidates = jdbc.sql(sql.toString()).params(params).param("candidates", limit * 2 + 8)
                .query(Long.class).list();
        List<Long> ids = new ArrayList<>();
        for (int from = 0; from < candidates.size() && ids.size() < limit; ) {
            List<Long> chunk = candidates.subList(from, Math.min(candidates.size(), from + limit - ids.size()));
            from += chunk.size();
            ids.addAll(jdbc.sql("""
                    SELECT id FROM service_task FORCE INDEX (PRIMARY)
                     WHERE id IN (:ids) AND state IN (:states) AND (lease_until IS NULL OR lease_until < :now)
                       FOR UPDATE SKIP LOCKED""")
                    .param("ids", chunk).param("states", params.get("states")).param("now", params.get("now"))
                    .query(Long.class).list());
        }
        if (!ids.isEmpty()) {
            jdbc.sql("UPDATE service_task SET lease_owner = :owner, lease_until = :until WHERE id IN (:ids)")
                    .param("owner", owner).param("until", Timestamp.from(now.plus(lease))).param("ids", ids).update();
        }
        return ids.stream().map(TaskId::new).toList();
    }

    /**
     * When the dialer may call the task's party again (null: as soon as a campaign takes it), and why — the
     * decision is an audit event of the task.
     */
    @Transactional
    public void scheduleNextCall(TaskId task, Instant at, String actor, String why) {
        jdbc.sql("UPDATE service_task SET next_call_at = :at WHERE id = :id")
                .param("at", at == null ? null : Timestamp.from(at)).param("id", task.value()).update();
        Map<String, Object> details = new HashMap<>();
        details.put("why", why);
        if (at != null) {
            details.put("nextCallAt", at.truncatedTo(ChronoUnit.SECONDS).toString());
        }
        events.publishEvent(new TaskChanged(task, actor, "NEXT_CALL_SCHEDULED", details));
    }

    /** Marks that the task's contacts were looked up; false when that had happened already (look up once). */
    @Transactional
    public boolean markContactLookup(TaskId task) {
        return jdbc.sql("UPDATE service_task SET contact_lookup_at = :now WHERE id = :id AND contact_lookup_at IS NULL")
                .param("now", Timestamp.from(now())).param("id", task.value()).update() == 1;
    }

    /** Extends a lease this owner still holds; false when it was lost (expired and taken over). */
    @Transactional
    public boolean renew(TaskId task, String owner, Duration lease) {
        Instant now = now();
        return jdbc.sql("""
                UPDATE service_task SET lease_until = :until
                 WHERE id = :id AND lease_owner = :owner AND lease_until >= :now""")
                .param("until", Timestamp.from(now.plus(lease))).param("id", task.value()).param("owner", owner).param("now", Timestamp.from(now))
                .update() == 1;
    }

    /** Releases the leases this owner holds on these tasks, in one statement. */
    @Transactional
    public void releaseAll(Collection<TaskId> tasks, String owner) {
        if (!tasks.isEmpty()) {
            jdbc.sql("UPDATE service_task SET lease_owner = NULL, lease_until = NULL "
                            + "WHERE id IN (:ids) AND lease_owner = :owner")
                    .param("ids", tasks.stream().map(TaskId::value).toList()).param("owner", owner).update();
        }
    }

    @Transactional
    public void release(TaskId task, String owner) {
        jdbc.sql("UPDATE service_task SET lease_owner = NULL, lease_until = NULL WHERE id = :id AND lease_owner = :owner")
                .param("id", task.value()).param("owner", owner).update();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
