package org.serveline.server.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * V7 splits {@code consent_offset_ms}, which held the offset of refusals, hang-ups and unanswered notices too:
 * attempts stored before it keep every value, each moved to the column that names it. Runs the real migrations on
 * the embedded MariaDB, in a schema of its own.
 */
class NoticeOffsetsMigrationIntegrationTests {

    @Test
    void everyOldOffsetLandsInTheColumnThatNamesItAndNoneIsLost() throws SQLException {
        String url = EmbeddedMariaDb.shared().jdbcUrl("serveline_v7_migration");
        SingleConnectionDataSource db = new SingleConnectionDataSource(url, "root", "", true);
        try {
            Flyway.configure().dataSource(db).locations("classpath:db/migration").target("5").load().migrate();
            JdbcClient jdbc = JdbcClient.create(db);
            jdbc.sql("SET FOREIGN_KEY_CHECKS = 0").update();
            insert(jdbc, "consent", "CONSENTED", "1", 12_000, "notice-v1.zh@a");
            insert(jdbc, "refusal", "REFUSED", "2", 13_000, "notice-v1.zh@a");
            insert(jdbc, "hangup", "HUNG_UP_EARLY", null, 21_000, "notice-v1.zh@a");
            insert(jdbc, "silent", "NO_RESPONSE", null, 45_000, "notice-v1.zh@a");
            insert(jdbc, "operator", "CONSENTED", null, 8_000, "operator-v1.zh");
            jdbc.sql("SET FOREIGN_KEY_CHECKS = 1").update();

            Flyway.configure().dataSource(db).locations("classpath:db/migration").load().migrate();

            assertThat(offsets(jdbc, "consent")).containsEntry("decision", 12_000L).containsEntry("ended", 12_000L)
                    .containsEntry("hangup", null);
            assertThat(offsets(jdbc, "refusal")).containsEntry("decision", 13_000L).containsEntry("hangup", null);
            assertThat(offsets(jdbc, "hangup")).containsEntry("decision", null).containsEntry("hangup", 21_000L)
                    .containsEntry("ended", 21_000L);
            assertThat(offsets(jdbc, "silent")).containsEntry("decision", null).containsEntry("hangup", null)
                    .containsEntry("ended", 45_000L);
            assertThat(offsets(jdbc, "operator")).containsEntry("decision", 8_000L).containsEntry("ended", null);
        } finally {
            try (Connection connection = db.getConnection()) {
                connection.createStatement().execute("DROP DATABASE serveline_v7_migration");
            }
            db.destroy();
        }
    }

    private static void insert(JdbcClient jdbc, String id, String result, String digit, long offset, String script) {
        jdbc.sql("""
                INSERT INTO call_attempt (id, task_id, pbx_id, trunk, number_e164, node, state, notice_result,
                                          consent_digit, consent_offset_ms, script_version, created_at)
                VALUES (:id, 1, 'pbx', 'trunk', '+8613800001001', 'node', 'ENDED', :result, :digit, :offset, :script,
                        NOW(6))""")
                .param("id", id).param("result", result).param("digit", digit).param("offset", offset)
                .param("script", script).update();
    }

    private static Map<String, Long> offsets(JdbcClient jdbc, String id) {
        return jdbc.sql("SELECT decision_offset_ms, hangup_offset_ms, notice_ended_offset_ms FROM call_attempt "
                        + "WHERE id = :id").param("id", id)
                .query((rs, n) -> {
                    Map<String, Long> values = new java.util.HashMap<>();
                    values.put("decision", rs.getObject(1, Long.class));
                    values.put("hangup", rs.getObject(2, Long.class));
                    values.put("ended", rs.getObject(3, Long.class));
                    return values;
                }).single();
    }
}
