package org.serveline.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.serveline.server.testsupport.HeadlessChromium;
import org.serveline.server.testsupport.ServelineIntegrationTest;
import org.serveline.server.testsupport.TaskFixtures;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The clerk's submission screen in a real headless Chromium, in Chinese: a document uploaded from the form, a task with
 * its optional fields left empty, its detail, timeline and receipt (409 before SERVED, told in Chinese); bad input is
 * told and keeps what was typed. Private schema, no demo data, no dialer; the context is closed after the class.
 */
@ServelineIntegrationTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestPropertySource(properties = {"serveline.embedded-db.schema=serveline_console_clerk", "serveline.dialer.enabled=false"})
@Timeout(120)
class ConsoleClerkBrowserIntegrationTests {

    @LocalServerPort
    int port;

    static ChromeDriver browser;
    static WebDriverWait wait;
    static Path document;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = HeadlessChromium.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        document = Files.createTempDirectory("serveline-clerk").resolve("传票.pdf");
        Files.write(document, TaskFixtures.pdf("summons " + System.nanoTime()));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aClerkSubmitsATaskWithAnUploadedDocumentAndOnlyOnePhoneThenFollowsIt() throws Exception {
        open();
        String caseNumber = TaskFixtures.newCaseNumber();
        type("sub-case", caseNumber);
        type("sub-name", "赵六");
        type("sub-phones", "138 0013 8000");
        browser.findElement(By.id("sub-documents")).sendKeys(document.toString());
        Files.write(Path.of("target", "console-submit.png"), browser.getScreenshotAs(OutputType.BYTES));
        browser.findElement(By.id("sub-submit")).click();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("tasks-screen")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("detail-title"), caseNumber));
        String facts = browser.findElement(By.id("detail-facts")).getText();
        assertThat(facts).contains("待审查 (SUBMITTED)").contains("赵六 (被告)").contains("+8613800138000")
                .contains("开庭\n未定").contains("1 份文书").doesNotContain("电子邮箱");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"), "提交"));
        assertThat(browser.findElement(By.id("timeline")).getText()).contains("TASK_SUBMITTED").contains("操作人 clerk");

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
        assertThat(browser.findElement(By.id("sub-error")).getText()).contains("phones");
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

    private void open() {
        browser.get("http://127.0.0.1:" + port + "/#submit");
        browser.executeScript("sessionStorage.clear(); localStorage.clear()");
        browser.navigate().refresh();
        WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-user")));
        name.sendKeys("clerk");
        browser.findElement(By.id("login-password")).sendKeys("clerk-pw");
        browser.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("submit-screen")));
        assertThat(browser.findElement(By.id("tab-submit")).getText()).isEqualTo("提交任务");
    }

    private void type(String id, String value) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }
}
