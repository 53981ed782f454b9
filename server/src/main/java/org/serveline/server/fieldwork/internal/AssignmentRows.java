package org.serveline.server.fieldwork.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.serveline.server.fieldwork.FieldAssignment;
import org.serveline.server.fieldwork.FieldOutcome;
import org.serveline.server.fieldwork.FieldUpload;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/** The field assignment and upload rows. */
public final class AssignmentRows {

    private static final String SELECT = """
            SELECT id, task_id, court_id, case_number, party_name, address, documents, agent, assigned_by, assigned_at,
                   outcome, outcome_at, created_at FROM field_assignment""";
    private static final String SELECT_UPLOAD = """
            SELECT id, assignment_id, sha256, size_bytes, media_type, file_name, taken_at_local, latitude, longitude,
                   uploaded_by, uploaded_at FROM field_upload""";

    private final JdbcClient jdbc;

    public AssignmentRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The outcome as stored: the key it was reported with and the answer given (JSON). */
    public record StoredOutcome(String key, String answer) {
    }

    public long insert(long taskId, String court, String caseNumber, String party, String address,
            List<String> documents, Instant now) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO field_assignment (task_id, court_id, case_number, party_name, address, documents, created_at)
                VALUES (:task, :court, :case, :party, :address, :docs, :now)""")
                .param("task", taskId).param("court", court).param("case", caseNumber).param("party", party)
                .param("address", address).param("docs", String.join(",", documents))
                .param("now", Timestamp.from(now)).update(key);
        return key.getKey().longValue();
    }

    public boolean openExistsFor(long taskId) {
        return jdbc.sql("SELECT COUNT(*) FROM field_assignment WHERE task_id = :task AND outcome IS NULL")
                .param("task", taskId).query(Long.class).single() > 0;
    }

    /** How many assignments went to an agent in turn so far: the next one goes to agent number (count mod n). */
    public long roundRobinCount() {
        return jdbc.sql("SELECT COUNT(*) FROM field_assignment WHERE assigned_by = :by").param("by", ROUND_ROBIN)
                .query(Long.class).single();
    }

    public static final String ROUND_ROBIN = "round-robin";

    public void assign(long id, String agent, String by, Instant now) {
        jdbc.sql("UPDATE field_assignment SET agent = :agent, assigned_by = :by, assigned_at = :now WHERE id = :id")
                .param("agent", agent).param("by", by).param("now", Timestamp.from(now)).param("id", id).update();
    }

    public Optional<FieldAssignment> find(long id) {
        return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(AssignmentRows::assignment).optional();
    }

    /** The assignment, its row locked until the transaction ends (one outcome at a time). */
    public Optional<FieldAssignment> lock(long id) {
        return jdbc.sql(SELECT + " WHERE id = :id FOR UPDATE").param("id", id).query(AssignmentRows::assignment)
                .optional();
    }

    public Optional<StoredOutcome> outcome(long id) {
        return jdbc.sql("SELECT outcome_key, outcome_details FROM field_assignment WHERE id = :id AND outcome IS NOT NULL")
                .param("id", id).query((rs, n) -> new StoredOutcome(rs.getString(1), rs.getString(2))).optional();
    }

    public void recordOutcome(long id, FieldOutcome outcome, String key, Instant at, String answer) {
        jdbc.sql("""
                UPDATE field_assignment SET outcome = :outcome, outcome_key = :key, outcome_at = :at,
                       outcome_details = :answer WHERE id = :id""")
                .param("outcome", outcome.name()).param("key", key).param("at", Timestamp.from(at))
                .param("answer", answer).param("id", id).update();
    }

    /** Open assignments, oldest first; of one agent, or all (agent null). */
    public List<FieldAssignment> open(String agent) {
        return agent == null
                ? jdbc.sql(SELECT + " WHERE outcome IS NULL ORDER BY id").query(AssignmentRows::assignment).list()
                : jdbc.sql(SELECT + " WHERE agent = :agent AND outcome IS NULL ORDER BY id").param("agent", agent)
                        .query(AssignmentRows::assignment).list();
    }

    /** Inserts the upload unless the same content is already attached to the assignment; true when inserted. */
    public boolean insertUpload(FieldUpload upload) {
        return jdbc.sql("""
                INSERT IGNORE INTO field_upload (assignment_id, sha256, size_bytes, media_type, file_name, taken_at_local,
                       latitude, longitude, uploaded_by, uploaded_at)
                VALUES (:assignment, :sha, :size, :type, :name, :taken, :lat, :lon, :by, :at)""")
                .param("assignment", upload.assignmentId()).param("sha", upload.sha256()).param("size", upload.size())
                .param("type", upload.mediaType()).param("name", upload.fileName())
                .param("taken", upload.takenAtLocal()).param("lat", upload.latitude()).param("lon", upload.longitude())
                .param("by", upload.uploadedBy()).param("at", Timestamp.from(upload.uploadedAt())).update() == 1;
    }

    public List<FieldUpload> uploads(long assignmentId) {
        return jdbc.sql(SELECT_UPLOAD + " WHERE assignment_id = :id ORDER BY id").param("id", assignmentId)
                .query(AssignmentRows::upload).list();
    }

    public Optional<FieldUpload> upload(long assignmentId, String sha256) {
        return jdbc.sql(SELECT_UPLOAD + " WHERE assignment_id = :id AND sha256 = :sha").param("id", assignmentId)
                .param("sha", sha256).query(AssignmentRows::upload).optional();
    }

    private static FieldAssignment assignment(ResultSet rs, int n) throws SQLException {
        String docs = rs.getString(7);
        return new FieldAssignment(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), docs.isEmpty() ? List.of() : Arrays.asList(docs.split(",")), rs.getString(8),
                rs.getString(9), instant(rs.getTimestamp(10)),
                rs.getString(11) == null ? null : FieldOutcome.valueOf(rs.getString(11)), instant(rs.getTimestamp(12)),
                instant(rs.getTimestamp(13)));
    }

    private static FieldUpload upload(ResultSet rs, int n) throws SQLException {
        return new FieldUpload(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getObject(8, Double.class), rs.getObject(9, Double.class),
                rs.getString(10), instant(rs.getTimestamp(11)));
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
