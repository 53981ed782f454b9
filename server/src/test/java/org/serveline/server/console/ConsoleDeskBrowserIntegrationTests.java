package org.serveline.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.serveline.server.testsupport.BrowserIntegrationTest;
import org.serveline.server.testsupport.HeadlessChromium;
import org.serveline.server.testsupport.ServelineIntegrationTest;
import org.serveline.server.testsupport.TaskFixtures;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The clerk's and the reviewer's desk in a real headless Chromium, in Chinese: a whole case with two parties (one with
 * every field, one with only a name and one phone) and a document, a bad number told beside its field; the reviewer's
 * queue (a return without a reason refused beside the field, then returned with one); the clerk fixes the returned task
 * in the prefilled form and resubmits it; the reviewer approves it; the clerk cancels the other with a reason after a
 * confirmation; the evidence page shows its sections in Chinese. No screen shows untranslated English. Private schema,
 * no dialer; the context is closed after the class.
 */
@ServelineIntegrationTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestPropertySource(properties = {"serveline.embedded-db.schema=serveline_console_desk", "serveline.dialer.enabled=false"})
@Timeout(180)
class ConsoleDeskBrowserIntegrationTests extends BrowserIntegrationTest {

    @LocalServerPort
    int port;

    static Path document;

    @BeforeAll
    static void prepare() throws Exception {
        document = Files.createTempDirectory("serveline-desk").resolve("起诉状.pdf");
        Files.write(document, TaskFixtures.pdf("complaint " + System.nanoTime()));
    }

    @Test
    void aCaseGoesFromTheClerkThroughReviewReturnFixResubmitApprovalCancelAndEvidence() throws Exception {
        TaskFixtures api = new TaskFixtures(port);
        String caseNumber = TaskFixtures.newCaseNumber();

        // the clerk: one case, two parties, one document; a bad number is told beside its field
        signIn("case", "clerk", "clerk-pw");
        type("cs-case", caseNumber);
        type("cs-cause", "民间借贷纠纷");
        browser.findElement(By.id("cs-documents")).sendKeys(document.toString());
        new Select(browser.findElement(By.id("cs-party0-role"))).selectByValue("PLAINTIFF");
        type("cs-party0-name", "张全");
        type("cs-party0-idNumber", "150302198001011234");
        type("cs-party0-phones", "13800138001\n139 0013 9001");
        type("cs-party0-email", "zhangquan@example.cn");
        type("cs-party0-address", "乌海市海南区人民路1号");
        browser.findElement(By.id("cs-add-party")).click();
        type("cs-party1-name", "李简");
        type("cs-party1-phones", "12345");
        browser.findElement(By.id("cs-submit")).click();
        WebElement phoneError = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("label .field-error[data-for='parties[1].phones[0]']")));
        assertThat(phoneError.getText()).isEqualTo("“12345”不是有效的电话号码");
        assertNoEnglishShown("case"); // the server's own error texts included
        assertThat(phoneError.findElement(By.xpath("..")).findElement(By.tagName("textarea")).getDomAttribute("id"))
                .isEqualTo("cs-party1-phones");
        assertThat(browser.findElement(By.id("cs-error")).getText()).startsWith("请求有误：");
        assertThat(api.clerk.get("/api/v1/tasks?caseNumber=" + caseNumber).body().get("total").asLong()).isZero();
        Files.write(Path.of("target", "console-desk-case-error.png"), browser.getScreenshotAs(OutputType.BYTES));

        type("cs-party1-phones", "13700137002");
        browser.findElement(By.id("cs-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("follow-screen")));
        wait.until(d -> d.findElements(By.cssSelector("#fl-tasks tbody tr")).size() == 2);
        String list = browser.findElement(By.id("fl-tasks")).getText();
        assertThat(list).contains("张全", "李简", caseNumber, "待审查");
        Files.write(Path.of("target", "console-desk-case-submitted.png"), browser.getScreenshotAs(OutputType.BYTES));

        JsonNode tasks = api.clerk.get("/api/v1/tasks?caseNumber=" + caseNumber).body().get("items");
        JsonNode full = find(tasks, "张全");
        JsonNode bare = find(tasks, "李简");
        assertThat(full.get("party").get("idNumber").asString()).isEqualTo("150302198001011234");
        assertThat(full.get("party").get("email").asString()).isEqualTo("zhangquan@example.cn");
        assertThat(full.get("party").get("role").asString()).isEqualTo("PLAINTIFF");
        assertThat(full.get("phones").findValuesAsString("e164")).containsExactly("+8613800138001", "+8613900139001");
        assertThat(bare.get("party").get("idNumber").isNull()).isTrue();
        assertThat(bare.get("party").get("email").isNull()).isTrue();
        assertThat(bare.get("party").get("address").isNull()).isTrue();
        assertThat(bare.get("phones").findValuesAsString("e164")).containsExactly("+8613700137002");
        assertThat(bare.get("documents")).hasSize(1);
        assertThat(full.get("documents").get(0).asString()).isEqualTo(bare.get("documents").get(0).asString());
        long fullId = full.get("id").asLong();
        long bareId = bare.get("id").asLong();

        // the reviewer: the queue oldest first; a return needs a reason
        signIn("review", "reviewer", "reviewer-pw");
        WebElement queued = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#rv-queue tbody tr[data-id='" + bareId + "']")));
        List<Long> order = browser.findElements(By.cssSelector("#rv-queue tbody tr[data-id]")).stream()
                .map(r -> Long.parseLong(r.getDomAttribute("data-id"))).toList();
        assertThat(order).isSorted().contains(fullId, bareId);
        click(By.cssSelector("#rv-queue tbody tr[data-id='" + bareId + "']"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rv-title"), caseNumber));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rv-documents"), "起诉状.pdf"));
        // the reviewer opens the document itself: the link's bytes (with the session cookie) are a PDF
        WebElement document = browser.findElement(By.cssSelector("#rv-documents a[download]"));
        assertThat(document.getText()).isEqualTo("起诉状.pdf");
        assertThat(browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch(arguments[0]).then(r => r.blob()).then(b => b.slice(0, 5).text()).then(done, e => done(String(e)));",
                document.getDomAttribute("href"))).isEqualTo("%PDF-");
        assertThat(browser.findElement(By.id("rv-facts")).getText()).contains("李简", "+8613700137002", "clerk");
        assertNoEnglishShown("review");
        browser.findElement(By.id("rv-return")).click();
        WebElement reasonError = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".field-error[data-for='reason']")));
        assertThat(reasonError.getText()).isEqualTo("退回必须填写原因。");
        assertThat(state(api, bareId)).isEqualTo("SUBMITTED");
        type("rv-reason", "电话号码有误，请核实");
        browser.findElement(By.id("rv-return")).click();
        wait.until(ExpectedConditions.textToBe(By.id("rv-message"), "任务 " + bareId + " 已退回书记员。"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("#rv-queue tbody tr[data-id='" + bareId + "']")));
        assertThat(state(api, bareId)).isEqualTo("RETURNED");

        // the clerk: the returned task in the prefilled form, fixed and resubmitted
        signIn("follow", "clerk", "clerk-pw");
        type("fl-case", caseNumber);
        browser.findElement(By.id("fl-search")).click();
        click(By.cssSelector("#fl-tasks tbody tr[data-id='" + bareId + "']"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("fl-fix")));
        assertThat(browser.findElement(By.id("fl-return-reason")).getText()).isEqualTo("电话号码有误，请核实");
        assertThat(browser.findElement(By.id("fl-name")).getDomProperty("value")).isEqualTo("李简");
        assertThat(browser.findElement(By.id("fl-phones")).getDomProperty("value")).isEqualTo("+8613700137002");
        assertThat(browser.findElement(By.id("fl-email")).getDomProperty("value")).isEmpty();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("fl-timeline"), "退回"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("fl-fix-documents"), "起诉状.pdf"));
        assertNoEnglishShown("follow");
        Files.write(Path.of("target", "console-desk-returned.png"), browser.getScreenshotAs(OutputType.BYTES));
        type("fl-phones", "13700137003");
        browser.findElement(By.id("fl-resubmit")).click();
        wait.until(ExpectedConditions.textToBe(By.id("fl-message"), "任务 " + bareId + " 已修改并重新提交审查。"));
        JsonNode fixed = api.clerk.get("/api/v1/tasks/" + bareId).body();
        assertThat(fixed.get("state").asString()).isEqualTo("SUBMITTED");
        assertThat(fixed.get("phones").findValuesAsString("e164")).containsExactly("+8613700137003");
        assertThat(fixed.get("party").get("email").isNull()).isTrue();
        assertThat(fixed.get("documents")).hasSize(1);
        assertThat(api.clerk.get("/api/v1/tasks/" + bareId + "/timeline").body().findValuesAsString("action"))
                .containsSubsequence("TASK_SUBMITTED", "TASK_RETURN", "TASK_CORRECTED", "TASK_RESUBMIT");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("fl-timeline"), "书记员修改任务"));
        assertThat(browser.findElement(By.id("fl-fix")).isDisplayed()).isFalse();

        // returned again while the clerk's screen is open: it follows by itself (no click) and offers the fix again
        api.review(bareId, "RETURN", "请再核实身份证号");
        wait.until(ExpectedConditions.textToBe(By.id("fl-return-reason"), "请再核实身份证号"));
        assertThat(browser.findElement(By.id("fl-fix")).isDisplayed()).isTrue();
        browser.findElement(By.id("fl-resubmit")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("fl-fix")));
        assertThat(state(api, bareId)).isEqualTo("SUBMITTED");

        // the reviewer approves the fixed task
        signIn("review", "reviewer", "reviewer-pw");
        click(By.cssSelector("#rv-queue tbody tr[data-id='" + bareId + "']"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rv-facts"), "+8613700137003"));
        browser.findElement(By.id("rv-approve")).click();
        wait.until(ExpectedConditions.textToBe(By.id("rv-message"), "任务 " + bareId + " 已审查通过。"));
        assertThat(state(api, bareId)).isEqualTo("APPROVED");

        // the clerk cancels the other task with a reason, after confirming
        signIn("follow", "clerk", "clerk-pw");
        type("fl-case", caseNumber);
        browser.findElement(By.id("fl-search")).click();
        click(By.cssSelector("#fl-tasks tbody tr[data-id='" + fullId + "']"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("fl-cancel")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("fl-facts"), "zhangquan@example.cn"));
        browser.findElement(By.id("fl-cancel-submit")).click();
        wait.until(ExpectedConditions.textToBe(By.id("fl-cancel-error"), "请填写撤销原因。"));
        type("fl-cancel-reason", "原告撤诉");
        browser.findElement(By.id("fl-cancel-submit")).click();
        wait.until(ExpectedConditions.alertIsPresent()).dismiss();
        assertThat(state(api, fullId)).isEqualTo("SUBMITTED");
        browser.findElement(By.id("fl-cancel-submit")).click();
        assertThat(wait.until(ExpectedConditions.alertIsPresent()).getText()).contains("确定撤销任务 " + fullId);
        browser.switchTo().alert().accept();
        wait.until(ExpectedConditions.textToBe(By.id("fl-message"), "任务 " + fullId + " 已撤销。"));
        JsonNode cancelled = api.clerk.get("/api/v1/tasks/" + fullId).body();
        assertThat(cancelled.get("state").asString()).isEqualTo("CANCELLED");
        assertThat(cancelled.get("cancelReason").asString()).isEqualTo("原告撤诉");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("fl-facts"), "原告撤诉"));

        // the evidence page of the returned, fixed and approved task, in Chinese
        click(By.cssSelector("#fl-tasks tbody tr[data-id='" + bareId + "']"));
        wait.until(ExpectedConditions.textToBe(By.id("fl-title"), "任务 " + bareId + " · " + caseNumber));
        browser.findElement(By.id("fl-evidence")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("evidence-screen")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ev-steps"), "七、审计链核验"));
        String evidence = browser.findElement(By.id("ev-steps")).getText();
        assertThat(evidence).contains("一、提交", "起诉状.pdf", "SHA-256", "二、审查", "退回", "电话号码有误，请核实",
                "重新提交", "审查通过", "三、呼叫与录音", "尚无呼叫", "四、同意电子送达", "尚未同意电子送达", "五、送达",
                "尚未送达", "六、送达回证", "尚未生成送达回证", "完整：");
        assertThat(browser.findElement(By.id("ev-title")).getText()).contains(caseNumber, "已批准");
        assertNoEnglishShown("evidence");
        Files.write(Path.of("target", "console-desk-evidence.png"), browser.getScreenshotAs(OutputType.BYTES));

        signIn("evidence", "supervisor", "supervisor-pw");
        type("ev-task", String.valueOf(fullId));
        browser.findElement(By.id("ev-open")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ev-steps"), "原告撤诉"));
        assertThat(browser.findElement(By.id("ev-steps")).getText()).contains("撤销", "完整：");
        type("ev-task", "987654321");
        browser.findElement(By.id("ev-open")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ev-error"), "未找到"));
        assertThat(browser.findElement(By.id("ev-body")).isDisplayed()).isFalse();
    }

    /** Clicks an element that a list may re-draw meanwhile (found again until the click lands). */
    private static void click(By locator) {
        wait.until(d -> {
            try {
                d.findElement(locator).click();
                return true;
            } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException e) {
                return false;
            }
        });
    }

    private static JsonNode find(JsonNode tasks, String party) {
        return StreamSupport.stream(tasks.spliterator(), false)
                .filter(t -> party.equals(t.get("party").get("name").asString())).findFirst().orElseThrow();
    }

    private static String state(TaskFixtures api, long id) {
        return api.clerk.get("/api/v1/tasks/" + id).body().get("state").asString();
    }

    /**
     * Opens the console on a screen, signed out (browser storage and cookies cleared, whichever the sign-in keeps),
     * then signs in through the form and waits for that screen.
     */
    private void signIn(String screen, String user, String password) {
        HeadlessChromium.signIn(browser, wait, port, screen, user, password);
    }

    private void type(String id, String value) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }

    /** As ConsoleBrowserIntegrationTests: no visible ASCII word outside data values but the allowed abbreviations. */
    private void assertNoEnglishShown(String screen) {
        assertThat(HeadlessChromium.englishShown(browser)).as("English shown on the %s screen", screen).isEmpty();
    }
}
