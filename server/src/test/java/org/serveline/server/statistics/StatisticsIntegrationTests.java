package org.serveline.server.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.serveline.server.testsupport.Problems.assertProblem;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.serveline.server.call.CallAttempt;
import org.serveline.server.call.CallAttempts;
import org.serveline.server.task.ServiceTasks;
import org.serveline.server.task.TaskId;
import org.serveline.server.task.TaskTrigger;
import org.serveline.server.testsupport.ApiClient;
import org.serveline.server.testsupport.ServelineIntegrationTest;
import org.serveline.server.testsupport.TaskFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Statistics and CSV exports over tasks moved through {@link ServiceTasks} in a private schema (shared with the
 * deadline tests, and their context: those use only the POSTONLY court, these only NMG0303).
 */
@ServelineIntegrationTest
@TestPropertySource(properties = {
    "serveline.embedded-db.schema=serveline_figures",
    "serveline.deadlines.courts.POSTONLY.answer=P30D",
})
class StatisticsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    ServiceTasks tasks;

    @Autowired
    CallAttempts attempts;

    @Autowired
    Clock clock;

    @Test
    void figuresAndExportsCountTheTasksByTheChannelThatServedThem() throws Exception {
        TaskFixtures fixtures = new TaskFixtures(port);
        long electronic = submit(fixtures, "电子甲");
        long notice = submit(fixtures, "=公告乙");
        long cancelled = submit(fixtures, "撤销丙");
        long open = submit(fixtures, "未结丁");
        for (long id : List.of(electronic, notice, open)) {
            tasks.move(new TaskId(id), TaskTrigger.APPROVE, "reviewer", null);
            tasks.move(new TaskId(id), TaskTrigger.DISPATCH, "system", null);
        }
        CallAttempt call = attempts.open(new CallAttempts.NewAttempt(electronic, null, null, "pbx-1", "trunk-1",
                "+8613800004001", "node-1", "system"));
        attempts.open(new CallAttempts.NewAttempt(open, null, null, "pbx-1", "trunk-1", "+8613800004004", "node-1",
                "system"));
        attempts.open(new CallAttempts.NewAttempt(open, null, null, "pbx-1", "trunk-1", "+8613800004004", "node-1",
                "system"));
        tasks.consent(new TaskId(electronic), "+8613800004001", "system", Map.of("attemptId", call.id()));
        tasks.move(new TaskId(electronic), TaskTrigger.DELIVERED, "system", null, Map.of("channel", "ELECTRONIC",
                "serviceDate", "2026-11-30T01:02:03Z", "serviceDateRule", "SMSC_DELIVERED"));
        for (int i = 0; i < 3; i++) {   // PHONE → POSTAL → IN_PERSON → PUBLIC_NOTICE
            tasks.move(new TaskId(notice), TaskTrigger.CHANNEL_FAILED, "system", null, Map.of());
        }
        tasks.move(new TaskId(notice), TaskTrigger.NOTICE_ELAPSED, "system", null, Map.of());
        tasks.move(new TaskId(cancelled), TaskTrigger.CANCEL, "clerk", "撤诉");

        String today = LocalDate.now(clock.withZone(ZoneId.of("Asia/Shanghai"))).toString();
        String range = "court=NMG0303&from=" + LocalDate.parse(today).minusDays(6) + "&to=" + today;
        JsonNode report = fixtures.supervisor.get("/api/v1/statistics?" + range + "&bucket=week").body();
        JsonNode total = report.get("total");
        assertThat(total.get("tasks").asLong()).isEqualTo(4);
        assertThat(total.get("served").asLong()).isEqualTo(2);
        assertThat(total.get("cancelled").asLong()).isEqualTo(1);
        assertThat(total.get("open").asLong()).isEqualTo(1);
        assertThat(total.get("successRate").asDouble()).isEqualTo(0.5);
        assertThat(total.get("servedBy").get("ELECTRONIC").get("count").asLong()).isEqualTo(1);
        assertThat(total.get("servedBy").get("ELECTRONIC").get("share").asDouble()).isEqualTo(0.5);
        assertThat(total.get("servedBy").get("PUBLIC_NOTICE").get("count").asLong()).isEqualTo(1);
        assertThat(total.get("submissionToServed").get("count").asLong()).isEqualTo(2);
        assertThat(total.get("submissionToServed").get("p90Seconds").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(total.get("approvalToFirstCall").get("count").asLong()).isEqualTo(2);
        assertThat(total.get("attempts").asLong()).isEqualTo(3);
        assertThat(total.get("attemptsPerTask").asDouble()).isEqualTo(0.75);
        assertThat(report.get("byCourt").get(0).get("court").asString()).isEqualTo("NMG0303");
        assertThat(report.get("bucket").asString()).isEqualTo("week");
        long bucketed = 0;
        for (JsonNode bucket : report.get("byBucket")) {
            assertThat(LocalDate.parse(bucket.get("start").asString()).getDayOfWeek().getValue()).isEqualTo(1);
            bucketed += bucket.get("figures").get("tasks").asLong();
        }
        assertThat(bucketed).isEqualTo(4);
        assertThat(fixtures.reviewer.get("/api/v1/statistics?" + range + "&bucket=day").body().get("byBucket")
                .size()).isEqualTo(7);

        HttpResponse<byte[]> csv = get("/api/v1/exports/tasks.csv?" + range, "supervisor", "supervisor-pw");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        byte[] body = csv.body();
        assertThat(new byte[] {body[0], body[1], body[2]}).containsExactly(0xEF, 0xBB, 0xBF);
        String text = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
        assertThat(text).contains("\r\n");
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(text)).getRecords();
        assertThat(rows).hasSize(4);
        assertThat(rows).extracting(r -> r.get("受送达人")).containsExactly("电子甲", "'=公告乙", "撤销丙", "未结丁");
        assertThat(rows.get(0).get("送达方式")).isEqualTo("ELECTRONIC");
        assertThat(rows.get(0).get("送达日期")).isEqualTo("2026-11-30 09:02:03");
        assertThat(rows.get(1).get("送达方式")).isEqualTo("PUBLIC_NOTICE");
        assertThat(rows.get(3).get("呼叫次数")).isEqualTo("2");

        HttpResponse<byte[]> attemptCsv = get("/api/v1/exports/attempts.csv?" + range, "reviewer", "reviewer-pw");
        assertThat(attemptCsv.statusCode()).isEqualTo(200);
        String attemptText = new String(attemptCsv.body(), StandardCharsets.UTF_8);
        assertThat(attemptText).startsWith("\uFEFF呼叫编号,任务编号");
        assertThat(attemptText).contains(call.id(), "+8613800004004");
        assertThat(attemptText.lines().count()).isEqualTo(4);
    }

    @Test
    void badFiltersAreRefusedWithAProblemAndClerksMayNotReadFigures() {
        TaskFixtures fixtures = new TaskFixtures(port);
        ApiClient supervisor = fixtures.supervisor;
        for (String path : List.of("/api/v1/statistics", "/api/v1/exports/tasks.csv", "/api/v1/exports/attempts.csv")) {
            assertProblem(supervisor.get(path + "?from=2026-13-01&to=2026-12-01"), 400, "from must be a date");
            assertProblem(supervisor.get(path + "?from=yesterday"), 400, "from must be a date");
            assertProblem(supervisor.get(path + "?from=2026-12-02&to=2026-12-01"), 400, "is after to");
            assertProblem(supervisor.get(path + "?court=NOPE"), 400, "unknown court");
            assertProblem(supervisor.get(path + "?from=2020-01-01&to=2026-12-01"), 400, "longer than");
            assertProblem(fixtures.clerk.get(path), 403, "");
            assertProblem(ApiClient.on(port).as("operator", "operator-pw").get(path), 403, "");
        }
        assertProblem(supervisor.get("/api/v1/statistics?bucket=month"), 400, "bucket must be day or week");
        assertThat(supervisor.get("/api/v1/statistics?court=POSTONLY").body().get("zone").asString())
                .isEqualTo("Asia/Urumqi");
    }

    private HttpResponse<byte[]> get(String path, String user, String password) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                        .getBytes(StandardCharsets.UTF_8))).GET().build();
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long submit(TaskFixtures fixtures, String party) {
        ApiClient.Response response = fixtures.clerk.post("/api/v1/tasks", ApiClient.json(Map.of("court", "NMG0303",
                "caseNumber", TaskFixtures.newCaseNumber(), "party", TaskFixtures.party(party, "13800004000"),
                "documents", List.of(fixtures.uploadDocument()))));
        assertThat(response.status()).as("%s", response.body()).isEqualTo(201);
        return response.body().get("id").asLong();
    }
}
