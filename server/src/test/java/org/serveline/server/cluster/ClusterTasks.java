package org.serveline.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.serveline.server.faults.PhoneCampaign;
import org.serveline.server.testsupport.ApiClient;
import org.serveline.server.testsupport.TaskFixtures;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * N approved tasks on a node that runs in another JVM: one through the REST API (intake and approval, as a clerk
 * and a reviewer would), the others copies of its rows by SQL, each with its own phone number — like the dialer
 * benchmark's tasks (they share the case, party name and document, so the notice is rendered once).
 */
final class ClusterTasks {

    private static final String TASK_COLUMNS = "court_id, case_id, case_number, batch_id, state, channel_chain, "
            + "priority, deadline, hearing_date, party_role, party_name, party_email, party_address, "
            + "party_time_zone, created_by, created_at, updated_at, version";

    private ClusterTasks() {
    }

    /** National number of the i-th party (1-based); every number is answered by the simulator's default party. */
    static String number(long i) {
        return String.format("137%08d", i);
    }

    static List<Long> create(TaskFixtures fixtures, JdbcClient jdbc, int count) {
        long template = PhoneCampaign.approvedTasks(fixtures, List.of(number(1))).getFirst();
        long caseId = jdbc.sql("SELECT case_id FROM service_task WHERE id = :t").param("t", template)
                .query(Long.class).single();
        if (count > 1) {
            jdbc.sql("INSERT INTO service_task (" + TASK_COLUMNS + ", party_id_number) SELECT " + TASK_COLUMNS
                    + ", LPAD(s.seq, 8, '0') FROM service_task, seq_2_to_" + count + " s WHERE id = :t")
                    .param("t", template).update();
            jdbc.sql("""
                    INSERT INTO party_phone (service_task, service_task_key, e164, status)
                    SELECT c.id, p.service_task_key, CONCAT('+86137', c.party_id_number), p.status
                    FROM service_task c JOIN party_phone p ON p.service_task = :t
                    WHERE c.case_id = :case AND c.id <> :t""").param("t", template).param("case", caseId).update();
            jdbc.sql("""
                    INSERT INTO task_document (service_task, service_task_key, document_id)
                    SELECT c.id, d.service_task_key, d.document_id
                    FROM service_task c JOIN task_document d ON d.service_task = :t
                    WHERE c.case_id = :case AND c.id <> :t""").param("t", template).param("case", caseId).update();
        }
        List<Long> ids = jdbc.sql("SELECT id FROM service_task WHERE case_id = :case ORDER BY id")
                .param("case", caseId).query(Long.class).list();
        assertThat(ids).hasSize(count);
        return ids;
    }

    /**
     * Starts a campaign like {@link PhoneCampaign#started} (any hour, quick retries), with at most {@code maxLive}
     * calls at once and, when {@code callsPerSecond} is positive, that many calls per second (shared by all nodes);
     * otherwise the campaign's default of 20/s, above the trunks' budgets here.
     */
    static long startCampaign(TaskFixtures fixtures, String name, double callsPerSecond, int maxLive) {
        Map<String, Object> campaign = new LinkedHashMap<>(Map.ofEntries(Map.entry("name", name),
                Map.entry("court", "NMG0303"), Map.entry("ringTimeout", "PT5S"), Map.entry("callingFrom", "00:00"),
                Map.entry("callingUntil", "23:59:59"), Map.entry("callOnWeekends", true),
                Map.entry("busyRetry", "PT1S"), Map.entry("noAnswerRetry", "PT1S"), Map.entry("failureRetry", "PT1S"),
                Map.entry("maxAttemptsPerTask", PhoneCampaign.MAX_ATTEMPTS_PER_TASK),
                Map.entry("maxConcurrentCalls", maxLive)));
        if (callsPerSecond > 0) {
            campaign.put("maxCallsPerSecond", callsPerSecond);
        }
        ApiClient.Response created = fixtures.supervisor.post("/api/v1/campaigns", ApiClient.json(campaign));
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        long id = created.body().get("id").asLong();
        assertThat(fixtures.supervisor.post("/api/v1/campaigns/" + id + "/start", "{}").status()).isEqualTo(200);
        return id;
    }
}
