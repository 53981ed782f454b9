package org.serveline.server.receipt.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Objects;
import java.util.Optional;
import org.serveline.server.receipt.Receipt;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The receipt table, and the few reads of other tables issuing needs. */
@Component
public class ReceiptRows {

    private static final String SELECT = """
            SELECT task_id, verification_code, sha256, size_bytes, court_id, case_number, channel, service_date,
                   issued_at FROM receipt""";

    private final JdbcClient jdbc;

    ReceiptRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Locks the task's row for this transaction and returns its state; empty when the task does not exist or another
     * node holds the lock (it is issuing this receipt: nobody waits for it, nobody issues a second).
     */
    public Optional<String> lockTask(long taskId) {
        return jdbc.sql("SELECT state FROM service_task WHERE id = :id FOR UPDATE SKIP LOCKED").param("id", taskId)
                .query(String.class).optional();
    }

    public Optional<Receipt> find(long taskId) {
        return jdbc.sql(SELECT + " WHERE task_id = :id").param("id", taskId).query(ReceiptRows::map).optional();
    }

    public Optional<Receipt> findByCode(String code) {
        return jdbc.sql(SELECT + " WHERE verification_code = :code").param("code", code).query(ReceiptRows::map)
                .optional();
    }

    public boolean codeTaken(String code) {
        return jdbc.sql("SELECT COUNT(*) FROM receipt WHERE verification_code = :code").param("code", code)
                .query(Long.class).single() > 0;
    }

    public void insert(Receipt r) {
        jdbc.sql("""
                INSERT INTO receipt (task_id, verification_code, sha256, size_bytes, court_id, case_number, channel,
                                     service_date, issued_at)
                VALUES (:task, :code, :sha, :size, :court, :case, :channel, :served, :issued)""")
                .param("task", r.taskId()).param("code", r.verificationCode()).param("sha", r.sha256())
                .param("size", r.size()).param("court", r.courtId()).param("case", r.caseNumber())
                .param("channel", r.channel()).param("served", Timestamp.from(r.serviceDate()))
                .param("issued", Timestamp.from(r.issuedAt())).update();
    }

    /** The cause of action (案由) of the task's case, as the clerk filed it. */
    public Optional<String> cause(Long caseId) {
        if (caseId == null) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT cause FROM case_file WHERE id = :id").param("id", caseId).query(String.class)
                .list().stream().filter(Objects::nonNull).findFirst();
    }

    private static Receipt map(ResultSet rs, int row) throws SQLException {
        return new Receipt(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant(), rs.getTimestamp(9).toInstant());
    }
}
