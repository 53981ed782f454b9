package org.serveline.server.task;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Work claiming for many server nodes on one database: a node claims tasks in given states with
 * {@code SELECT … FOR UPDATE SKIP LOCKED} and marks them with its name and a lease expiry. A lease that is
 * not renewed runs out, and another node takes the task over.
 */
@Service
public class TaskLeases {

    private static final String PICK = """
            SELECT id FROM service_task
             WHERE state IN (:states) AND (lease_until IS NULL OR lease_until < :now)
             ORDER BY FIELD(priority, 'URGENT', 'HIGH', 'NORMAL', 'LOW'), hearing_date IS NULL, hearing_date, id
             LIMIT :limit
               FOR UPDATE SKIP LOCKED""";

    private final JdbcClient jdbc;
    private final Clock clock;

    TaskLeases(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Claims up to {@code limit} unleased (or lease-expired) tasks in the given states for {@code owner}. */
    @Transactional
    public List<TaskId> claim(Collection<TaskState> states, String owner, int limit, Duration lease) {
        Instant now = now();
        List<Long> ids = jdbc.sql(PICK)
                .param("states", states.stream().map(Enum::name).toList())
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .query(Long.class).list();
        if (!ids.isEmpty()) {
            jdbc.sql("UPDATE service_task SET lease_owner = :owner, lease_until = :until WHERE id IN (:ids)")
                    .param("owner", owner).param("until", Timestamp.from(now.plus(lease))).param("ids", ids).update();
        }
        return ids.stream().map(TaskId::new).toList();
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

    @Transactional
    public void release(TaskId task, String owner) {
        jdbc.sql("UPDATE service_task SET lease_owner = NULL, lease_until = NULL WHERE id = :id AND lease_owner = :owner")
                .param("id", task.value()).param("owner", owner).update();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
