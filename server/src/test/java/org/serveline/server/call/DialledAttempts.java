package org.serveline.server.call;

import java.util.Map;
import org.serveline.server.task.ServiceTasks;
import org.serveline.server.task.TaskId;
import org.serveline.server.task.TaskTrigger;
import org.serveline.server.testsupport.ApiClient;
import org.serveline.server.testsupport.TaskFixtures;

/** Tasks submitted, approved and dispatched through the real API, each with its attempt open as the dialer opens it. */
record DialledAttempts(TaskFixtures fixtures, ServiceTasks tasks, CallAttempts attempts) {

    /** A new task for a party named {@code name} and the last four digits of {@code phone}, dialled on pbx1. */
    CallAttempt dialled(String name, String phone) {
        long id = fixtures.clerk.post("/api/v1/tasks", ApiClient.json(fixtures.taskRequest(
                TaskFixtures.newCaseNumber(), TaskFixtures.party(name + phone.substring(phone.length() - 4), phone))))
                .body().get("id").asLong();
        fixtures.review(id, "APPROVE", null);
        tasks.move(new TaskId(id), TaskTrigger.DISPATCH, "dialer", null, Map.of());
        String e164 = "+86" + phone.replace("+86", "").replace(" ", "");
        return attempts.open(new CallAttempts.NewAttempt(id, null, null, "pbx1", "carrier1", e164, "test-node",
                "dialer"));
    }
}
