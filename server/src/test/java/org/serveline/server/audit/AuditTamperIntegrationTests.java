package org.serveline.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.serveline.server.testsupport.ServelineIntegrationTest;
import org.serveline.server.testsupport.TaskFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Tampering with the audit trail directly in MariaDB. Runs on a private schema, since it breaks the chain on
 * purpose.
 */
@ServelineIntegrationTest
@TestPropertySource(properties = "serveline.embedded-db.schema=serveline_tamper")
class AuditTamperIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditAnchors anchors;

    TaskFixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new TaskFixtures(port);
    }

    @Test
    void theDatabaseRefusesUpdatesAndDeletesAndVerificationFindsAnAlteredRow() {
        long id = fixtures.submitTask().get("id").asLong();
        fixtures.review(id, "APPROVE", null);
        long other = fixtures.submitTask().get("id").asLong();
        assertThat(verify(null).get("valid").asBoolean()).isTrue();
        long approval = jdbc.sql("SELECT id FROM audit_event WHERE chain_key = :c AND seq = 2")
                .param("c", "task:" + id).query(Long.class).single();

        assertThatThrownBy(() -> jdbc.sql("UPDATE audit_event SET actor = 'mallory' WHERE id = :id")
                .param("id", approval).update()).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_event WHERE id = :id").param("id", approval).update())
                .hasMessageContaining("append-only");

        jdbc.sql("DROP TRIGGER audit_event_no_update").update();
        jdbc.sql("UPDATE audit_event SET actor = 'mallory' WHERE id = :id").param("id", approval).update();

        JsonNode result = verify(null);
        assertThat(result.get("valid").asBoolean()).isFalse();
        assertThat(result.get("firstBroken").get("eventId").asLong()).isEqualTo(approval);
        assertThat(result.get("firstBroken").get("reason").asString()).contains("altered");
        assertThat(verify("task:" + other).get("valid").asBoolean()).isTrue();
    }

    @Test
    void anchorsChainTheHeadsOfEveryChain() {
        fixtures.submitTask();
        String first = anchors.anchor();
        fixtures.submitTask();
        String second = anchors.anchor();
        assertThat(second).isNotEqualTo(first);
        assertThat(jdbc.sql("SELECT prev_hash FROM audit_anchor WHERE hash = :h").param("h", second)
                .query(String.class).single()).isEqualTo(first);
    }

    private JsonNode verify(String chain) {
        var response = fixtures.supervisor.get("/api/v1/audit/verify" + (chain == null ? "" : "?chain=" + chain));
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }
}
