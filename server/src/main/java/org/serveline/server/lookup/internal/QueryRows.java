package org.serveline.server.lookup.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.serveline.server.lookup.PartyAddressFound;
import org.serveline.server.task.TaskId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/** The record of every query asked of a provider, and of every address found. */
public final class QueryRows {

    private final JdbcClient jdbc;

    public QueryRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Query(String provider, String status, String purpose, long taskId, String court, String caseNumber,
            String askedBy, Instant askedAt, List<String> numbers, List<String> invalidNumbers, List<String> addresses,
            String error) {
    }

    public long insert(Query q) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO contact_lookup_query (provider, status, purpose, task_id, court_id, case_number, asked_by,
                       asked_at, numbers_found, numbers_invalid, addresses_found, error)
                VALUES (:provider, :status, :purpose, :task, :court, :case, :by, :at, :numbers, :invalid, :addresses,
                        :error)""")
                .param("provider", q.provider()).param("status", q.status()).param("purpose", q.purpose())
                .param("task", q.taskId()).param("court", q.court()).param("case", q.caseNumber())
                .param("by", q.askedBy()).param("at", Timestamp.from(q.askedAt()))
                .param("numbers", joined(q.numbers())).param("invalid", joined(q.invalidNumbers()))
                .param("addresses", q.addresses().isEmpty() ? null : String.join("\n", q.addresses()))
                .param("error", q.error() == null ? null : q.error().substring(0, Math.min(500, q.error().length())))
                .update(key);
        return key.getKey().longValue();
    }

    /** Queries a provider answered (not the rate-limited ones) since {@code now - per}. */
    public long answeredSince(String provider, Instant now, Duration per) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM contact_lookup_query
                 WHERE provider = :provider AND status <> 'RATE_LIMITED' AND asked_at > :since""")
                .param("provider", provider).param("since", Timestamp.from(now.minus(per))).query(Long.class).single();
    }

    public void insertAddress(long queryId, long taskId, String address, String source, Instant at) {
        jdbc.sql("""
                INSERT INTO contact_address_found (query_id, task_id, address, source, found_at)
                VALUES (:query, :task, :address, :source, :at)""")
                .param("query", queryId).param("task", taskId).param("address", address).param("source", source)
                .param("at", Timestamp.from(at)).update();
    }

    /** The address a lookup found last for the task, with its source, if any. */
    public Optional<PartyAddressFound> latestAddress(TaskId task) {
        return jdbc.sql("""
                SELECT address, source FROM contact_address_found WHERE task_id = :task
                 ORDER BY found_at DESC, id DESC LIMIT 1""")
                .param("task", task.value())
                .query((rs, i) -> new PartyAddressFound(task, rs.getString(1), rs.getString(2))).optional();
    }

    private static String joined(List<String> values) {
        if (values.isEmpty()) {
            return null;
        }
        String all = String.join(",", values);
        return all.substring(0, Math.min(all.length(), 1000));
    }
}
