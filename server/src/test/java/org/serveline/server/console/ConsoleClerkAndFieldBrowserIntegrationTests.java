package org.serveline.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.serveline.server.fieldwork.FieldMedia;
import org.serveline.server.task.ServiceTasks;
import org.serveline.server.task.TaskId;
import org.serveline.server.task.TaskState;
import org.serveline.server.task.TaskTrigger;
import org.serveline.server.testsupport.ApiClient;
import org.serveline.server.testsupport.BrowserIntegrationTest;
import org.serveline.server.testsupport.HeadlessChromium;
import org.serveline.server.testsupport.ServelineIntegrationTest;
import org.serveline.server.testsupport.TaskFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The clerk's submission screen and the field agent's phone-sized screen in a real headless Chromium, in Chinese: a
 * document uploaded from the form, a task with its optional fields left empty, its detail, timeline and receipt (409
 * before SERVED, told in Chinese; a PDF once served); the agent's assignment, a photo uploaded and the outcome that
 * serves the task, then in the statistics' channel bars. Bad input is told and keeps what was typed. Private schema, no demo data, no dialer; the context is
 * closed after the class.
 */
@ServelineIntegrationTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestPropertySource(properties = {"serveline.embedded-db.schema=serveline_console_clerk", "serveline.dialer.enabled=false"})
@Timeout(120)
class ConsoleClerkAndFieldBrowserIntegrationTests extends BrowserIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    ServiceTasks tasks;

    static Path document;

    @BeforeAll
    static void prepare() throws Exception {
        document = Files.createTempDirectory("serveline-clerk").resolve("传票.pdf");
        Files.write(document, TaskFixtures.pdf("summons " + System.nanoTime()));
    }

    @Test
    void aClerkSubmitsATaskWithAnUploadedDocumentAndOnlyOnePhoneThenFollowsIt() throws Exception {
        open();
        String caseNumber = TaskFixtures.newCaseNumber();
        type("sub-case", caseNumber);
        type("sub-name", "赵六");
        type("sub-phones", "138 0013 8000");
        By chosen = By.cssSelector("#sub-documents ~ .file-chosen");
        assertThat(browser.findElement(By.cssSelector("#sub-documents + .file-button")).getText()).isEqualTo("选择文件");
        assertThat(browser.findElement(chosen).getText()).isEqualTo("未选择文件");
        browser.findElement(By.id("sub-documents")).sendKeys(document.toString());
        wait.until(ExpectedConditions.textToBe(chosen, document.getFileName().toString()));
        Files.write(Path.of("target", "console-submit.png"), browser.getScreenshotAs(OutputType.BYTES));
        browser.findElement(By.id("sub-submit")).click();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("tasks-screen")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("detail-title"), caseNumber));
        String facts = browser.findElement(By.id("detail-facts")).getText();
        assertThat(facts).contains("待审查").doesNotContain("SUBMITTED").contains("赵六 (被告)").contains("+8613800138000")
                .contains("开庭\n未定").contains("1 份文书").doesNotContain("电子邮箱");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"), "提交"));
        assertThat(browser.findElement(By.id("timeline")).getText()).doesNotContain("TASK_SUBMITTED").contains("操作人 clerk");
        assertThat(browser.findElement(By.cssSelector("#timeline strong")).getDomAttribute("title")).isEqualTo("TASK_SUBMITTED");

        long id = Long.parseLong(browser.findElement(By.id("detail-title")).getText().replaceAll("^任务 (\\d+) · .*$", "$1"));
        JsonNode task = new TaskFixtures(port).clerk.get("/api/v1/tasks/" + id).body();
        assertThat(task.get("caseNumber").asString()).isEqualTo(caseNumber);
        assertThat(task.get("hearingDate").isNull()).as("no hearing date: %s", task).isTrue();
        assertThat(task.get("party").get("email").isNull()).isTrue();
        assertThat(task.get("phones")).hasSize(1);
        JsonNode stored = new TaskFixtures(port).clerk.get("/api/v1/documents/" + task.get("documents").get(0).asString())
                .body();
        assertThat(stored.get("fileName").asString()).isEqualTo("传票.pdf");
        assertThat(stored.get("mediaType").asString()).isEqualTo("application/pdf");

        browser.findElement(By.id("receipt")).click();
        wait.until(ExpectedConditions.textToBe(By.id("receipt-error"), "该任务尚未送达，送达回证在送达后生成。"));
        assertThat(browser.findElement(By.id("receipt-link")).isDisplayed()).isFalse();
        Files.write(Path.of("target", "console-clerk-task.png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void withoutADocumentOrWithABadPhoneTheClerkIsToldInChineseAndKeepsWhatWasTyped() {
        open();
        String caseNumber = TaskFixtures.newCaseNumber();
        type("sub-case", caseNumber);
        type("sub-name", "钱七");
        type("sub-phones", "12345");
        browser.findElement(By.id("sub-submit")).click();
        wait.until(ExpectedConditions.textToBe(By.id("sub-error"), "请至少选择一份文书。"));

        browser.findElement(By.id("sub-documents")).sendKeys(document.toString());
        browser.findElement(By.id("sub-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sub-error"), "请求有误："));
        assertThat(browser.findElement(By.id("sub-error")).getText()).contains("电话号码（第 1 项）：“12345”不是有效的电话号码")
                .doesNotContain("phones");
        assertThat(HeadlessChromium.englishShown(browser)).as("English shown with the submission's error").isEmpty();
        assertThat(browser.findElement(By.id("sub-case")).getDomProperty("value")).isEqualTo(caseNumber);
        assertThat(browser.findElement(By.id("sub-phones")).getDomProperty("value")).isEqualTo("12345");
        assertThat(browser.findElement(By.id("submit-screen")).isDisplayed()).isTrue();
        assertThat(new TaskFixtures(port).clerk.get("/api/v1/tasks?caseNumber=" + caseNumber).body().get("total").asLong())
                .isZero();

        WebElement phones = browser.findElement(By.id("sub-phones"));
        phones.clear();
        phones.sendKeys("13800138000\n+86 10 6552 9988");
        browser.findElement(By.id("sub-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("detail-title"), caseNumber));
        assertThat(browser.findElement(By.id("detail-facts")).getText()).contains("+8613800138000, +861065529988");
    }

    @Test
    void aFieldAgentOnAPhoneUploadsAPhotoReportsTheOutcomeAndTheClerkGetsTheReceipt() throws Exception {
        TaskFixtures fixtures = new TaskFixtures(port);
        JsonNode submitted = fixtures.submitTask();
        long taskId = submitted.get("id").asLong();
        String caseNumber = submitted.get("caseNumber").asString();
        fixtures.review(taskId, "APPROVE", null);
        TaskId task = new TaskId(taskId);
        tasks.move(task, TaskTrigger.DISPATCH, "test", null);
        while (tasks.get(task).state() != TaskState.IN_PERSON) {
            tasks.move(task, TaskTrigger.CHANNEL_FAILED, "test", "test falls back");
        }
        JsonNode assignment = StreamSupport.stream(fixtures.supervisor.get("/api/v1/field/assignments").body()
                .spliterator(), false).filter(a -> a.get("taskId").asLong() == taskId).findFirst().orElseThrow();
        long assignmentId = assignment.get("id").asLong();
        assertThat(fixtures.supervisor.post("/api/v1/field/assignments/" + assignmentId + "/assignee",
                ApiClient.json(Map.of("agent", "field"))).status()).isEqualTo(200);
        Path photo = Files.createTempDirectory("serveline-field").resolve("门口.jpg");
        Files.write(photo, FieldMedia.jpegWithExif("handed over " + taskId));

        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            signIn("field", "field", "field-pw");
            WebElement card = wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#fd-list li[data-id='" + assignmentId + "']")));
            assertThat(card.getText()).contains(caseNumber).contains("张三").contains("1 份文书");
            assertThat(browser.findElement(By.id("fd-total")).getText()).endsWith("个待送达");
            card.click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("fd-title"), caseNumber));
            browser.findElement(By.id("fd-file")).sendKeys(photo.toString());
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("fd-uploads"), "拍摄于 2026-11-30 10:15"));
            assertThat(browser.findElement(By.id("fd-uploads")).getText()).contains("门口.jpg");

            new Select(browser.findElement(By.id("fd-outcome"))).selectByValue("LODGED");
            browser.findElement(By.id("fd-report")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("fd-error"), "请求有误："));
            assertThat(browser.findElement(By.id("fd-error")).getText()).contains("见证人：留置送达须填写见证人姓名")
                    .doesNotContain("witness");
            assertThat(HeadlessChromium.englishShown(browser)).as("English shown with the outcome's error").isEmpty();
            assertThat(tasks.get(task).state()).isEqualTo(TaskState.IN_PERSON);

            new Select(browser.findElement(By.id("fd-outcome"))).selectByValue("SERVED_TO_PARTY");
            browser.findElement(By.id("fd-note")).sendKeys("本人签收");
            Files.write(Path.of("target", "console-field-phone.png"), browser.getScreenshotAs(OutputType.BYTES));
            browser.findElement(By.id("fd-report")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("fd-message"), "当前状态：已送达"));
            assertThat(browser.findElement(By.id("fd-message")).getText()).contains("当面交付当事人");
            assertThat(browser.findElement(By.id("fd-detail")).isDisplayed()).isFalse();
            // the message shows before the list is read again: await the list without the delivered assignment
            wait.until(ExpectedConditions.numberOfElementsToBe(
                    By.cssSelector("#fd-list li[data-id='" + assignmentId + "']"), 0));
            assertThat(tasks.get(task).state()).isEqualTo(TaskState.SERVED);
            assertThat(fixtures.clerk.get("/api/v1/tasks/" + taskId + "/timeline").body().findValuesAsString("action"))
                    .containsSubsequence("FIELD_UPLOAD", "FIELD_OUTCOME", "TASK_DELIVERED");
        } finally {
            browser.manage().window().setSize(new Dimension(1400, 900));
        }

        signIn("tasks", "clerk", "clerk-pw");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#tasks tbody tr[data-id='" + taskId + "']")))
                .click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#detail-facts dd[title='SERVED']"), "已送达"));
        browser.findElement(By.id("receipt")).click();
        WebElement link = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("receipt-link")));
        assertThat(link.getText()).isEqualTo("打开送达回证（PDF）");
        assertThat(link.getDomAttribute("href")).startsWith("blob:");
        assertThat(link.getDomProperty("download")).isEqualTo("送达回证-任务" + taskId + ".pdf");
        assertThat(browser.findElement(By.id("receipt-error")).getText()).isEmpty();
        Object pdfHead = browser.executeAsyncScript("const done = arguments[0];"
                + "fetch(document.getElementById('receipt-link').href).then(r => r.blob())"
                + ".then(b => b.slice(0, 5).text()).then(done, e => done(String(e)));");
        assertThat(pdfHead).isEqualTo("%PDF-");

        signIn("statistics", "supervisor", "supervisor-pw");
        WebElement bar = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#st-channels .bar[data-channel='IN_PERSON']")));
        assertThat(bar.getText()).contains("直接送达").contains("1 · 100.0%");
        assertThat(browser.findElement(By.cssSelector("#st-totals dd[data-figure='stats.served']")).getText()).isEqualTo("1");
        Files.write(Path.of("target", "console-statistics-served.png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    private void open() {
        signIn("submit", "clerk", "clerk-pw");
        assertThat(browser.findElement(By.id("tab-submit")).getText()).isEqualTo("提交任务");
    }

    /** Opens the console on a screen, signed out, then signs in and waits for that screen. */
    private void signIn(String screen, String user, String password) {
        HeadlessChromium.signIn(browser, wait, port, screen, user, password);
    }

    private void type(String id, String value) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }
}
