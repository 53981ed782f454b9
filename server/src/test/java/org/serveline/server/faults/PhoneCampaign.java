package org.serveline.server.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.serveline.server.testsupport.ApiClient;
import org.serveline.server.testsupport.TaskFixtures;

/** Approved tasks and a running campaign, made through the REST API as a clerk, a reviewer and a supervisor would. */
public final class PhoneCampaign {

    public static final int MAX_ATTEMPTS_PER_TASK = 3;

    private PhoneCampaign() {
    }

    /** One approved task per national number (+86 prefix added). */
    public static List<Long> approvedTasks(TaskFixtures fixtures, List<String> nationalNumbers) {
        List<Long> ids = new ArrayList<>();
        for (String number : nationalNumbers) {
            ApiClient.Response created = fixtures.clerk.post("/api/v1/tasks", ApiClient.json(fixtures.taskRequest(
                    TaskFixtures.newCaseNumber(), TaskFixtures.party("当事人" + number, "+86" + number))));
            assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
            long id = created.body().get("id").asLong();
            fixtures.review(id, "APPROVE", null);
            ids.add(id);
        }
        return ids;
    }

    /** A campaign of the test court that may call at any hour, with quick retries; started. */
    public static long started(TaskFixtures fixtures, String name) {
        ApiClient.Response created = fixtures.supervisor.post("/api/v1/campaigns", ApiClient.json(Map.ofEntries(
                Map.entry("name", name), Map.entry("court", "NMG0303"), Map.entry("ringTimeout", "PT5S"),
                Map.entry("callingFrom", "00:00"), Map.entry("callingUntil", "23:59:59"),
                Map.entry("callOnWeekends", true), Map.entry("busyRetry", "PT1S"), Map.entry("noAnswerRetry", "PT1S"),
                Map.entry("failureRetry", "PT1S"), Map.entry("maxAttemptsPerTask", MAX_ATTEMPTS_PER_TASK))));
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        long id = created.body().get("id").asLong();
        assertThat(fixtures.supervisor.post("/api/v1/campaigns/" + id + "/start", "{}").status()).isEqualTo(200);
        return id;
    }

    /** Fast dialer and reconciliation, so a fault test settles in seconds rather than minutes. */
    public static Map<String, String> quickDialer(Map<String, String> properties) {
        Map<String, String> p = new java.util.LinkedHashMap<>(properties);
        p.put("serveline.dialer.tick", "PT0.05S");
        p.put("serveline.dialer.reconcile-interval", "PT0.5S");
        p.put("serveline.dialer.reconcile-after", "PT3S");
        p.put("serveline.dialer.notice-grace", "PT5S");
        return p;
    }
}
