package org.serveline.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.serveline.server.testsupport.ServelineIntegrationTest;
import org.serveline.server.testsupport.TaskFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Tampering that keeps every hash link intact — a chain cut off at its end, a chain deleted whole, each with its
 * head row made to agree — shows only against the anchors. Private schema: it breaks the trail on purpose.
 */
@ServelineIntegrationTest
@TestPropertySource(properties = "serveline.embedded-db.schema=serveline_anchor_tamper")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditAnchorTamperIntegrationTests {

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
    @Order(1)
    void aChainCutOffAtItsEndIsMissingSinceTheAnchor() {
        long cut = fixtures.submitTask().get("id").asLong();
        fixtures.review(cut, "APPROVE", null);
        long grows = fixtures.submitTask().get("id").asLong();
        anchors.anchor();
        long anchoredSeq = lastSeq("task:" + cut);
        assertThat(anchoredSeq).isGreaterThanOrEqualTo(2);

        // a chain that grew after the anchor, and one that began after it, are fine
        fixtures.review(grows, "APPROVE", null);
        long fresh = fixtures.submitTask().get("id").asLong();
        JsonNode before = verify(null);
        assertThat(before.get("valid").asBoolean()).as("%s", before).isTrue();
        assertThat(before.get("anchor").get("intact").asBoolean()).isTrue();
        assertThat(before.get("anchor").get("chainsAnchored").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(before.get("missingSinceAnchor")).isEmpty();
        assertThat(verify("task:" + fresh).get("valid").asBoolean()).isTrue();

        // the last event goes, and the head row is set to the new last event: every link still checks
        jdbc.sql("DROP TRIGGER IF EXISTS audit_event_no_delete").update();
        jdbc.sql("DELETE FROM audit_event WHERE chain_key = :c AND seq = :s").param("c", "task:" + cut)
                .param("s", anchoredSeq).update();
        jdbc.sql("""
                UPDATE audit_chain_head h JOIN audit_event e ON e.chain_key = h.chain_key AND e.seq = :s
                SET h.last_seq = e.seq, h.last_hash = e.hash WHERE h.chain_key = :c""")
                .param("c", "task:" + cut).param("s", anchoredSeq - 1).update();

        JsonNode result = verify(null);
        assertThat(result.get("valid").asBoolean()).isFalse();
        assertThat(result.get("firstBroken").isNull()).as("no hash link is broken: %s", result).isTrue();
        JsonNode missing = only(result, "task:" + cut);
        assertThat(missing.get("anchoredSeq").asLong()).isEqualTo(anchoredSeq);
        assertThat(missing.get("foundSeq").asLong()).isEqualTo(anchoredSeq - 1);
        assertThat(missing.get("reason").asString()).contains("cut short");
        assertThat(verify("task:" + cut).get("valid").asBoolean()).isFalse();
        assertThat(verify("task:" + grows).get("valid").asBoolean()).isTrue();

        // a later anchor does not launder the cut: the head the earlier one itemized still contradicts the chain
        anchors.anchor();
        JsonNode after = verify(null);
        assertThat(after.get("anchor").get("intact").asBoolean()).isTrue();
        assertThat(only(after, "task:" + cut).get("anchoredSeq").asLong()).isEqualTo(anchoredSeq);
        assertThat(after.get("valid").asBoolean()).isFalse();
    }

    @Test
    @Order(2)
    void aChainDeletedWholeIsMissingSinceTheAnchor() {
        long gone = fixtures.submitTask().get("id").asLong();
        fixtures.review(gone, "APPROVE", null);
        anchors.anchor();
        assertThat(verify("task:" + gone).get("valid").asBoolean()).isTrue();

        jdbc.sql("DROP TRIGGER IF EXISTS audit_event_no_delete").update();
        jdbc.sql("DELETE FROM audit_event WHERE chain_key = :c").param("c", "task:" + gone).update();
        jdbc.sql("DELETE FROM audit_chain_head WHERE chain_key = :c").param("c", "task:" + gone).update();

        JsonNode result = verify(null);
        assertThat(result.get("valid").asBoolean()).isFalse();
        JsonNode missing = only(result, "task:" + gone);
        assertThat(missing.get("foundSeq").isNull()).isTrue();
        assertThat(missing.get("anchoredSeq").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(missing.get("reason").asString()).contains("absent");
        JsonNode alone = verify("task:" + gone);
        assertThat(alone.get("valid").asBoolean()).isFalse();
        assertThat(alone.get("missingSinceAnchor")).hasSize(1);
    }

    @Test
    @Order(3)
    void anchorsAreAppendOnlyAndAnEditedItemizedHeadIsCaught() {
        fixtures.submitTask();
        anchors.anchor();
        assertThat(verify(null).get("anchor").get("intact").asBoolean()).isTrue();

        assertThatThrownBy(() -> jdbc.sql("UPDATE audit_anchor SET chain_count = 0").update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_anchor_head").update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("UPDATE audit_anchor_head SET seq = 1").update())
                .hasMessageContaining("append-only");

        // editing an itemized head (to hide a cut) breaks the fold to the last anchor's heads hash
        long last = jdbc.sql("SELECT MAX(id) FROM audit_anchor").query(Long.class).single();
        jdbc.sql("DROP TRIGGER audit_anchor_head_no_update").update();
        assertThat(jdbc.sql("UPDATE audit_anchor_head SET hash = REPEAT('0', 64) WHERE anchor_id = :a LIMIT 1")
                .param("a", last).update()).isEqualTo(1);
        JsonNode anchor = verify(null).get("anchor");
        assertThat(anchor.get("intact").asBoolean()).isFalse();
        assertThat(anchor.get("problem").asString()).contains("do not fold");
    }

    private long lastSeq(String chain) {
        return jdbc.sql("SELECT MAX(seq) FROM audit_event WHERE chain_key = :c").param("c", chain)
                .query(Long.class).single();
    }

    private static JsonNode only(JsonNode result, String chain) {
        JsonNode found = null;
        for (JsonNode missing : result.get("missingSinceAnchor")) {
            if (missing.get("chain").asString().equals(chain)) {
                found = missing;
            }
        }
        assertThat(found).as("%s missing since the anchor in %s", chain, result).isNotNull();
        return found;
    }

    private JsonNode verify(String chain) {
        var response = fixtures.supervisor.get("/api/v1/audit/verify" + (chain == null ? "" : "?chain=" + chain));
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }
}
