package org.serveline.server.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.serveline.server.delivery.BuiltInSmsc;
import org.serveline.server.testsupport.ApiClient;
import org.serveline.server.testsupport.ElectronicServiceTest;
import org.serveline.server.testsupport.Problems;
import tools.jackson.databind.JsonNode;

/**
 * The party's document portal over real HTTP, with the link and code taken from the SMS the in-process SMSC
 * received: the code, its limit and the lock, staff reissue, documents read and downloaded, and links that are
 * unknown or expired answering one and the same 404. Every step shows on the task's timeline.
 */
class PortalIntegrationTests extends ElectronicServiceTest {

    private static final String PHONE_AGENT = "Mozilla/5.0 (Linux; Android 14) serveline-test-phone";

    @Test
    void wrongCodesLockTheLinkStaffReissueItAndThePartyReadsAndDownloadsTheDocuments() {
        long id = electronicTask("NMG0303", "吴门户", "+86 150 0000 8001", null, "+8615000008001");
        awaitState(id, "SERVED");
        String[] first = linkAndCode(smsText("+8615000008001"));
        Browser party = new Browser();

        HttpResponse<String> form = party.get("/s/" + first[0]);
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(form.body()).contains("请输入短信或邮件中的 6 位验证码", "name=\"viewport\"");

        String wrong = first[1].equals("000000") ? "111111" : "000000";
        for (int left = 4; left >= 1; left--) {
            HttpResponse<String> answer = party.post("/s/" + first[0], "code=" + wrong);
            assertThat(answer.statusCode()).isEqualTo(403);
            assertThat(answer.body()).contains("验证码不正确，还可尝试 " + left + " 次");
        }
        assertThat(party.post("/s/" + first[0], "code=" + wrong).statusCode()).isEqualTo(423);
        HttpResponse<String> locked = party.post("/s/" + first[0], "code=" + first[1]);
        assertThat(locked.statusCode()).as("even the right code, once locked").isEqualTo(423);
        assertThat(locked.body()).contains("此链接已锁定");
        assertThat(actions(id).stream().filter("PORTAL_CODE_FAILED"::equals)).hasSize(5);
        assertThat(actions(id)).contains("PORTAL_LOCKED", "PORTAL_LOCKED_TRIED");
        JsonNode failed = event(id, "PORTAL_CODE_FAILED");
        assertThat(failed.get("clientAddress").asString()).isEqualTo("127.0.0.1");
        assertThat(failed.get("userAgent").asString()).isEqualTo(PHONE_AGENT);
        assertThat(failed.get("at").asString()).isNotBlank();

        Problems.assertProblem(fixtures().clerk.post("/api/v1/tasks/" + id + "/portal-link/reissue", "{}"), 403, "");
        ApiClient.Response reissued = fixtures().reviewer.post("/api/v1/tasks/" + id + "/portal-link/reissue", "{}");
        assertThat(reissued.status()).as("%s", reissued.body()).isEqualTo(200);
        assertThat(reissued.body().get("url").asString()).startsWith("https://ss.court.test/s/");
        assertThat(reissued.body().has("code")).isFalse();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(linkAndCode(smsText("+8615000008001"))[0]).isNotEqualTo(first[0]));
        String[] second = linkAndCode(smsText("+8615000008001"));
        assertThat(reissued.body().get("url").asString()).endsWith(second[0]);
        assertThat(party.get("/s/" + first[0]).statusCode()).as("the old link is gone").isEqualTo(404);

        HttpResponse<String> admitted = party.post("/s/" + second[0], "code=" + second[1]);
        assertThat(admitted.statusCode()).isEqualTo(303);
        HttpResponse<String> list = party.get("/s/" + second[0]);
        assertThat(list.statusCode()).isEqualTo(200);
        String document = jdbc.sql("SELECT document_id FROM task_document WHERE service_task = :t").param("t", id)
                .query(String.class).single();
        assertThat(list.body()).contains("summons.pdf", task(id).get("caseNumber").asString(), "乌海市海南区人民法院",
                "/s/" + second[0] + "/documents/" + document);

        HttpResponse<byte[]> read = party.getBytes("/s/" + second[0] + "/documents/" + document);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/pdf");
        assertThat(read.headers().firstValue("Content-Disposition").orElse("")).startsWith("inline");
        assertThat(new String(read.body(), StandardCharsets.UTF_8)).startsWith("%PDF-1.4");
        HttpResponse<byte[]> download = party.getBytes("/s/" + second[0] + "/documents/" + document + "?download=true");
        assertThat(download.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");
        assertThat(download.body()).isEqualTo(read.body());

        String foreign = fixtures().uploadDocument();
        assertThat(party.get("/s/" + second[0] + "/documents/" + foreign).statusCode())
                .as("a document of another task").isEqualTo(404);
        assertThat(party.get("/s/" + second[0] + "/documents/..%2F..%2Fetc%2Fpasswd").statusCode())
                .as("an encoded path is refused before the portal sees it").isEqualTo(400);
        assertThat(party.get("/s/" + second[0] + "/documents/etc-passwd").statusCode()).isEqualTo(404);
        assertThat(new Browser().getBytes("/s/" + second[0] + "/documents/" + document).statusCode())
                .as("without the code: back to the form").isEqualTo(303);

        assertThat(actions(id)).containsSubsequence("PORTAL_LINK_REISSUED", "DELIVERY_QUEUED", "PORTAL_CODE_ACCEPTED",
                "PORTAL_DOCUMENTS_LISTED", "PORTAL_DOCUMENT_VIEWED", "PORTAL_DOCUMENT_DOWNLOADED");
        assertThat(event(id, "PORTAL_DOCUMENT_DOWNLOADED").get("document").asString()).isEqualTo(document);
    }

    @Test
    void unknownExpiredAndMalformedLinksAnswerTheSame404WithoutAHint() {
        long id = electronicTask("NMG0303", "郑过期", "+86 150 0000 8002", null, "+8615000008002");
        awaitState(id, "SERVED");
        String[] link = linkAndCode(smsText("+8615000008002"));
        jdbc.sql("UPDATE portal_link SET expires_at = '2020-01-01 00:00:00' WHERE token = :t").param("t", link[0]).update();
        Browser stranger = new Browser();

        HttpResponse<String> expired = stranger.get("/s/" + link[0]);
        HttpResponse<String> unknown = stranger.get("/s/AAAAbbbbCCCCdddd");
        HttpResponse<String> malformed = stranger.get("/s/x%27or%271%3D1");
        HttpResponse<String> expiredCode = stranger.post("/s/" + link[0], "code=" + link[1]);

        for (HttpResponse<String> answer : List.of(expired, unknown, malformed, expiredCode)) {
            assertThat(answer.statusCode()).isEqualTo(404);
            assertThat(answer.body()).isEqualTo(unknown.body()).contains("链接无效或已过期");
        }
        assertThat(stranger.get("/s/AAAAbbbbCCCCdddd/documents/x").statusCode()).isEqualTo(404);
        assertThat(actions(id)).doesNotContain("PORTAL_OPENED", "PORTAL_CODE_ACCEPTED");
    }

    @Test
    void aLinkCanBeReissuedOnlyForATaskThatHasOne() {
        JsonNode fresh = fixtures().submitTask();
        Problems.assertProblem(fixtures().reviewer.post("/api/v1/tasks/" + fresh.get("id").asLong()
                + "/portal-link/reissue", "{}"), 409, "no portal link");
        Problems.assertProblem(fixtures().supervisor.post("/api/v1/tasks/99999999/portal-link/reissue", "{}"), 404,
                "no service task");
    }

    private static String smsText(String e164) {
        List<BuiltInSmsc.Received> parts = smsTo(e164);
        // the newest message: its parts are the last ones received
        StringBuilder text = new StringBuilder();
        int start = parts.size() - 1;
        while (start > 0 && parts.get(start).part() > 1) {
            start--;
        }
        parts.subList(start, parts.size()).forEach(p -> text.append(p.text()));
        return text.toString();
    }

    /** A phone's browser: keeps its cookies (the portal session), follows no redirects. */
    private final class Browser {

        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

        HttpResponse<String> get(String path) {
            return send(request(path).GET(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<byte[]> getBytes(String path) {
            return send(request(path).GET(), HttpResponse.BodyHandlers.ofByteArray());
        }

        HttpResponse<String> post(String path, String form) {
            return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)), HttpResponse.BodyHandlers.ofString());
        }

        private HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("User-Agent", PHONE_AGENT).timeout(Duration.ofSeconds(20));
        }

        private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
            try {
                return http.send(request.build(), body);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
