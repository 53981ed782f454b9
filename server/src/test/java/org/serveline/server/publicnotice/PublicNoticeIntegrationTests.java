package org.serveline.server.publicnotice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.serveline.server.postal.PostalTestSupport.event;
import static org.serveline.server.testsupport.Problems.assertProblem;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.serveline.server.postal.PostalTestSupport;
import org.serveline.server.task.ServiceTasks;
import org.serveline.server.task.TaskId;
import org.serveline.server.task.TaskState;
import org.serveline.server.task.TaskTrigger;
import org.serveline.server.testsupport.ApiClient;
import org.serveline.server.testsupport.FallbackChannelsIntegrationTest;
import org.serveline.server.testsupport.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Public notice on the real server and MariaDB: published when the task enters PUBLIC_NOTICE, on the open page
 * /notices, elapsed by moving the test clock (never waiting), the task then SERVED with the notice's evidence.
 */
@FallbackChannelsIntegrationTest
class PublicNoticeIntegrationTests {

    private static final ZoneId URUMQI = ZoneId.of("Asia/Urumqi");   // the POSTONLY court's zone (UTC+6)

    @LocalServerPort
    int port;
    @Autowired
    ServiceTasks tasks;
    @Autowired
    PublicNotices notices;
    @Autowired
    NoticeOutbox outbox;
    @Autowired
    MutableClock clock;

    PostalTestSupport support;

    @BeforeEach
    void setUp() {
        support = new PostalTestSupport(port, tasks);
    }

    /** A POSTONLY task whose post came back: it enters PUBLIC_NOTICE now. */
    private long taskInPublicNotice(String party) {
        long id = support.taskInPostal(party, "内蒙古乌海市海南区某街1号");
        tasks.move(new TaskId(id), TaskTrigger.CHANNEL_FAILED, "postal-carrier", "POST_NOBODY_HOME");
        assertThat(tasks.get(new TaskId(id)).state()).isEqualTo(TaskState.PUBLIC_NOTICE);
        return id;
    }

    private JsonNode notice(long task) {
        ApiClient.Response response = support.fixtures().clerk.get("/api/v1/tasks/" + task + "/public-notice");
        assertThat(response.status()).as("notice: %s", response.body()).isEqualTo(200);
        return response.body();
    }

    @Test
    void aNoticeOfThirtyDaysServesTheTaskOnItsLastDayCountedInTheCourtsTimeZone() {
        // 20:00 UTC is already 02:00 of the next day in Urumqi: the day of publication is the court's
        Instant publishAt = clock.instant().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(44));
        clock.advanceTo(publishAt);
        LocalDate courtDay = publishAt.atZone(ZoneOffset.UTC).toLocalDate().plusDays(1);
        long id = taskInPublicNotice("公孙策");

        JsonNode notice = notice(id);
        LocalDate lastDay = courtDay.plusDays(30);
        Instant elapses = lastDay.atStartOfDay(URUMQI).toInstant();
        assertThat(notice.get("period").asString()).isEqualTo("P30D");
        assertThat(notice.get("periodDays").asLong()).isEqualTo(30);
        assertThat(notice.get("serviceDay").asString()).isEqualTo(lastDay.toString());
        assertThat(Instant.parse(notice.get("elapsesAt").asString())).isEqualTo(elapses);
        assertThat(notice.get("status").asString()).isEqualTo("PUBLISHED");
        assertThat(notice.get("body").asString()).contains("公孙策", "summons.pdf", "经过30日", "第九十五条",
                "Test court without telephone service", tasks.get(new TaskId(id)).caseNumber());
        JsonNode published = event(support.timeline(id), "PUBLIC_NOTICE_PUBLISHED").get("details");
        assertThat(published.get("periodSource").asString()).isEqualTo("DEFAULT");
        assertThat(published.get("lastDay").asString()).isEqualTo(lastDay.toString());

        clock.advanceTo(elapses.minusSeconds(1));
        notices.elapseDue();
        assertThat(tasks.get(new TaskId(id)).state()).as("one second before the last day").isEqualTo(TaskState.PUBLIC_NOTICE);

        clock.advanceTo(elapses);
        notices.elapseDue();

        assertThat(tasks.get(new TaskId(id)).state()).isEqualTo(TaskState.SERVED);
        assertThat(notice(id).get("status").asString()).isEqualTo("ELAPSED");
        JsonNode timeline = support.timeline(id);
        assertThat(timeline.findValuesAsString("action")).containsSubsequence("PUBLIC_NOTICE_PUBLISHED",
                "PUBLIC_NOTICE_ELAPSED", "TASK_NOTICE_ELAPSED");
        JsonNode evidence = event(timeline, "TASK_NOTICE_ELAPSED").get("details");
        assertThat(evidence.get("channel").asString()).isEqualTo("PUBLIC_NOTICE");
        assertThat(evidence.get("serviceDate").asString()).isEqualTo(elapses.toString());
        assertThat(evidence.get("serviceDay").asString()).isEqualTo(lastDay.toString());
        assertThat(evidence.get("serviceDateRule").asString()).isEqualTo("NOTICE_PERIOD_ELAPSED");
        assertThat(evidence.get("periodDays").asLong()).isEqualTo(30);
        assertThat(evidence.get("noticeId").asLong()).isEqualTo(notice.get("id").asLong());
        assertThat(Instant.parse(evidence.get("publishedAt").asString())).isEqualTo(Instant.parse(
                notice.get("publishedAt").asString()));
        JsonNode verified = support.fixtures().supervisor.get("/api/v1/audit/verify?chain=task:" + id).body();
        assertThat(verified.get("valid").asBoolean()).as("audit chain: %s", verified).isTrue();
    }

    @Test
    void staffSetSixtyDaysForAPartyAbroadBeforePublicationAndNotAfter() {
        long id = support.taskInPostal("慕容复", "境外地址待补");
        ApiClient.Response set = support.fixtures().clerk.put("/api/v1/tasks/" + id + "/public-notice/period",
                ApiClient.json(Map.of("period", "P60D", "reason", "当事人在境外")));
        assertThat(set.status()).as("%s", set.body()).isEqualTo(200);
        assertThat(set.body().get("periodDays").asLong()).isEqualTo(60);
        JsonNode audited = event(support.timeline(id), "PUBLIC_NOTICE_PERIOD_SET");
        assertThat(audited.get("actor").asString()).isEqualTo("clerk");
        assertThat(audited.get("details").get("reason").asString()).isEqualTo("当事人在境外");

        tasks.move(new TaskId(id), TaskTrigger.CHANNEL_FAILED, "postal-carrier", "POST_MOVED");

        JsonNode notice = notice(id);
        assertThat(notice.get("periodDays").asLong()).isEqualTo(60);
        assertThat(notice.get("body").asString()).contains("经过60日");
        assertThat(event(support.timeline(id), "PUBLIC_NOTICE_PUBLISHED").get("details").get("periodSource").asString())
                .isEqualTo("TASK");
        assertProblem(support.fixtures().clerk.put("/api/v1/tasks/" + id + "/public-notice/period",
                ApiClient.json(Map.of("period", "P90D", "reason", "再延长"))), 409, "period runs");
        assertThat(notice(id).get("periodDays").asLong()).isEqualTo(60);
    }

    @Test
    void aBadPeriodIsA400AndChangesNothing() {
        long id = support.taskInPostal("段誉", "大理");
        String path = "/api/v1/tasks/" + id + "/public-notice/period";

        assertProblem(support.fixtures().clerk.put(path, ApiClient.json(Map.of("period", "sixty days", "reason", "境外"))),
                400, "ISO-8601");
        assertProblem(support.fixtures().clerk.put(path, ApiClient.json(Map.of("period", "PT0S", "reason", "境外"))),
                400, "longer than nothing");
        assertProblem(support.fixtures().clerk.put(path, ApiClient.json(Map.of("period", "P60D"))), 400, "invalid");
        assertProblem(support.fixtures().clerk.put("/api/v1/tasks/987654321/public-notice/period",
                ApiClient.json(Map.of("period", "P60D", "reason", "境外"))), 404, "987654321");
        assertProblem(support.fixtures().clerk.get("/api/v1/tasks/" + id + "/public-notice"), 404, "no public notice");

        assertThat(support.fixtures().clerk.get(path).body().get("periodDays").asLong()).isEqualTo(30);
        assertThat(support.timeline(id).findValuesAsString("action")).doesNotContain("PUBLIC_NOTICE_PERIOD_SET");
    }

    @Test
    void aCourtsOwnPeriodAppliesToItsTasks() {
        long id = support.approvedTask("NOTICE7", "令狐冲", "华山");
        tasks.move(new TaskId(id), TaskTrigger.DISPATCH, "system", null);

        JsonNode notice = notice(id);

        assertThat(notice.get("periodDays").asLong()).isEqualTo(7);
        assertThat(notice.get("body").asString()).contains("公告期七日测试法院", "经过7日");
        assertThat(event(support.timeline(id), "PUBLIC_NOTICE_PUBLISHED").get("details").get("periodSource").asString())
                .isEqualTo("COURT");
    }

    @Test
    void theNoticePageIsOpenWithoutSignInInChineseAndFitsAPhone() throws Exception {
        long id = taskInPublicNotice("东方不败");
        long noticeId = notice(id).get("id").asLong();

        HttpResponse<byte[]> list = support.getBytes("/notices", false);
        HttpResponse<byte[]> one = support.getBytes("/notices/" + noticeId, false);

        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        String listHtml = new String(list.body(), StandardCharsets.UTF_8);
        assertThat(listHtml).contains("<html lang=\"zh-CN\">", "name=\"viewport\"", "法院公告", "东方不败",
                "/notices/" + noticeId, "公告中");
        String noticeHtml = new String(one.body(), StandardCharsets.UTF_8);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(noticeHtml).contains("东方不败", "第九十五条", "公告期满", "特此公告");
        assertThat(support.getBytes("/notices/999999999", false).statusCode()).isEqualTo(404);
        assertThat(new String(support.getBytes("/notices/abc", false).body(), StandardCharsets.UTF_8))
                .contains("未找到该公告");
        String otherCourt = new String(support.getBytes("/notices?court=NOTICE7", false).body(), StandardCharsets.UTF_8);
        assertThat(otherCourt).doesNotContain("东方不败");
    }

    @Test
    void theOutsideBulletinGetsTheNoticeOnceAfterCommitThroughTheOutbox() {
        long id = taskInPublicNotice("任我行");
        long noticeId = notice(id).get("id").asLong();

        outbox.sendDue();
        outbox.sendDue();

        JsonNode timeline = support.timeline(id);
        assertThat(timeline.findValuesAsString("action").stream().filter("PUBLIC_NOTICE_SENT"::equals)).hasSize(1);
        JsonNode sent = event(timeline, "PUBLIC_NOTICE_SENT").get("details");
        assertThat(sent.get("publisher").asString()).isEqualTo("log");
        assertThat(sent.get("reference").asString()).isEqualTo("log:notice-" + noticeId);
    }

    @Test
    void aTaskCancelledDuringItsNoticeIsWithdrawnFromThePageAndNeverServed() throws Exception {
        long id = taskInPublicNotice("岳不群");
        long noticeId = notice(id).get("id").asLong();

        tasks.move(new TaskId(id), TaskTrigger.CANCEL, "clerk", "原告撤诉");
        clock.advance(Duration.ofDays(31));
        notices.elapseDue();

        assertThat(tasks.get(new TaskId(id)).state()).isEqualTo(TaskState.CANCELLED);
        assertThat(notice(id).get("status").asString()).isEqualTo("WITHDRAWN");
        assertThat(support.getBytes("/notices/" + noticeId, false).statusCode()).isEqualTo(404);
        assertThat(support.timeline(id).findValuesAsString("action")).contains("PUBLIC_NOTICE_WITHDRAWN")
                .doesNotContain("PUBLIC_NOTICE_ELAPSED");
    }
}
