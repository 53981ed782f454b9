package org.serveline.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The console in a real headless Chromium, over the demo data, on a private schema; the context (its demo campaign and
 * database connections) is closed after the class.
 */
@ServelineIntegrationTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestPropertySource(properties = {"serveline.embedded-db.schema=serveline_console", "serveline.demo.enabled=true"})
@Timeout(120)
class ConsoleBrowserIntegrationTests extends BrowserIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void aWrongPasswordIsToldAndAReviewerApprovesTheTaskAwaitingReview() throws Exception {
        browser.manage().deleteAllCookies();
        browser.get("http://127.0.0.1:" + port + "/");
        browser.manage().deleteAllCookies(); // the session cookie signs in now (ADR 0019)
        browser.executeScript("sessionStorage.clear(); localStorage.clear()");
        browser.navigate().refresh();

        signIn("reviewer", "wrong");
        wait.until(ExpectedConditions.textToBe(By.id("login-error"), "用户名或密码错误"));
        // the demo (serveline.demo.enabled) names its users on the sign-in form
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-hint"))).getText())
                .startsWith("演示账号：").contains("admin/admin");

        signIn("reviewer", "reviewer-pw");
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#tasks tbody tr"), 14));
        WebElement submitted = browser.findElement(By.xpath("//tbody/tr[td/span[@data-state='SUBMITTED']]"));
        String party = submitted.findElements(By.tagName("td")).get(2).getText();
        submitted.click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("approve"))).click();

        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#timeline strong[title='TASK_APPROVE']")));
        assertThat(browser.findElement(By.id("detail-facts")).getText()).contains("已批准").doesNotContain("APPROVED")
                .contains(party);
        assertThat(browser.findElement(By.cssSelector("#detail-facts dd[title='APPROVED']")).getText()).isEqualTo("已批准");
        assertThat(browser.findElement(By.id("timeline")).getText()).doesNotContain("TASK_").contains("提交").contains("审查通过")
                .contains("操作人 reviewer");
        Path shot = Path.of("target", "console-review.png");
        Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void theReturnedDemoTaskShowsItsReason() {
        browser.get("http://127.0.0.1:" + port + "/");
        browser.manage().deleteAllCookies(); // the session cookie signs in now (ADR 0019)
        browser.executeScript("sessionStorage.clear(); localStorage.clear()");
        browser.navigate().refresh();
        signIn("clerk", "clerk-pw");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//tbody/tr[td/span[@data-state='RETURNED']]")))
                .click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("detail-facts"), "送达地址缺少门牌号"));
    }

    @Test
    void anOperatorSeesOnlyTheOperatorScreenEvenWhenTheAddressNamesTasksAndAfterAReload() {
        openAs("tasks", "operator", "operator-pw");

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("operator-screen")));
        assertTabs("operator");
        assertThat(browser.findElement(By.id("tasks-screen")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("who")).getText()).isEqualTo("当前用户 operator (话务员)");
        assertThat(browser.getCurrentUrl()).endsWith("#operator");

        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("operator-screen")));
        assertTabs("operator");
    }

    @Test
    void aClerkSeesOnlyTheTasksScreenEvenWhenTheAddressNamesRecordings() {
        openAs("recordings", "clerk", "clerk-pw");

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("tasks-screen")));
        assertTabs("tasks", "submit", "follow", "case", "evidence");
        assertThat(browser.findElement(By.id("recordings-screen")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("who")).getText()).isEqualTo("当前用户 clerk (书记员)");
        assertThat(browser.getCurrentUrl()).endsWith("#tasks");
    }

    @Test
    void aSupervisorSeesEveryScreenAndTheRecordingsReviewQueue() {
        openAs("recordings", "supervisor", "supervisor-pw");

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("recordings-screen")));
        assertTabs("tasks", "operator", "recordings", "statistics", "evidence", "board");
        assertThat(browser.findElement(By.id("rec-queue")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("rec-queue-note")).getText()).doesNotContain("只有主管");
    }

    @Test
    void everyScreenIsInChineseByDefaultWithNoEnglishLabelLeft() throws Exception {
        openAs("tasks", "supervisor", "supervisor-pw");
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#tasks tbody tr"), 14));
        assertThat(browser.executeScript("return document.documentElement.lang")).isEqualTo("zh-CN");
        assertThat(browser.getTitle()).isEqualTo("Serveline · 集约送达中心");
        assertThat(browser.findElement(By.id("tab-tasks")).getText()).isEqualTo("送达任务");
        browser.findElement(By.xpath("//tbody/tr[td/span[@data-state='RETURNED']]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"), "提交"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("audit-status"), "审计链校验通过"));
        assertThat(browser.findElement(By.id("detail-facts")).getText()).contains("已退回").contains("退回原因");
        assertNoEnglishShown("tasks");
        Files.write(Path.of("target", "console-tasks-zh.png"), browser.getScreenshotAs(OutputType.BYTES));

        browser.findElement(By.id("tab-operator")).click();
        wait.until(ExpectedConditions.textToBe(By.id("op-status"), "尚未上线。"));
        wait.until(ExpectedConditions.textToBe(By.id("op-queue-total"), "暂无当事人等待。"));
        assertNoEnglishShown("operator");

        browser.findElement(By.id("tab-recordings")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rec-total"), "条录音"));
        assertNoEnglishShown("recordings");

        browser.findElement(By.id("tab-statistics")).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("#st-totals dd[data-figure='stats.tasks']"), "14"));
        assertThat(browser.findElement(By.id("st-totals")).getText()).contains("送达成功率").contains("提交至送达");
        assertThat(browser.findElement(By.id("st-range")).getText()).contains("全部法院");
        assertNoEnglishShown("statistics");
        Files.write(Path.of("target", "console-statistics.png"), browser.getScreenshotAs(OutputType.BYTES));

        browser.findElement(By.id("st-export-tasks")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("st-download"), "data-file", "tasks.csv"));
        Object csv = browser.executeAsyncScript("const done = arguments[0];"
                + "fetch(document.getElementById('st-download').href).then(r => r.text()).then(done, e => done(String(e)));");
        assertThat(csv.toString().lines().toList()).hasSize(15).first(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains("任务编号,法院,案号");
        assertThat(browser.findElement(By.id("st-export-error")).getText()).isEmpty();
    }

    @Test
    void aBadStatisticsRangeIsToldInChinese() {
        openAs("statistics", "reviewer", "reviewer-pw");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("statistics-screen")));
        assertTabs("tasks", "recordings", "statistics", "review", "evidence");
        browser.executeScript("document.getElementById('st-from').value = '2026-12-31';"
                + "document.getElementById('st-to').value = '2026-01-01';");
        browser.findElement(By.id("st-search")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("st-error"), "请求有误："));
    }

    @Test
    void englishIsChosenInTheHeaderRememberedAfterAReloadAndChineseComesBack() {
        openAs("tasks", "clerk", "clerk-pw");
        wait.until(ExpectedConditions.textToBe(By.id("tab-tasks"), "送达任务"));

        new Select(browser.findElement(By.id("language"))).selectByValue("en");
        wait.until(ExpectedConditions.textToBe(By.id("tab-tasks"), "Tasks"));
        assertThat(browser.executeScript("return document.documentElement.lang")).isEqualTo("en");
        assertThat(browser.findElement(By.id("who")).getText()).isEqualTo("Signed in as clerk (Clerk)");
        assertThat(browser.findElement(By.id("tab-submit")).getText()).isEqualTo("Submit a task");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("task-total"), "task(s)"));

        browser.navigate().refresh();
        wait.until(ExpectedConditions.textToBe(By.id("tab-tasks"), "Tasks"));
        assertThat(browser.findElement(By.id("language")).getDomProperty("value")).isEqualTo("en");
        assertThat(browser.executeScript("return localStorage.getItem('serveline.language')")).isEqualTo("en");

        new Select(browser.findElement(By.id("language"))).selectByValue("zh-CN");
        wait.until(ExpectedConditions.textToBe(By.id("tab-tasks"), "送达任务"));
        assertThat(browser.findElement(By.id("who")).getText()).isEqualTo("当前用户 clerk (书记员)");
    }

    /**
     * No visible text of the page outside data values (marked translate="no": names, numbers, case numbers, codes)
     * has an ASCII word, but for the product's name and technical abbreviations.
     */
    private void assertNoEnglishShown(String screen) {
        assertThat(HeadlessChromium.englishShown(browser)).as("English shown on the %s screen", screen).isEmpty();
    }

    /** Opens the console at a screen's address, signed out, then signs in. */
    private void openAs(String screen, String user, String password) {
        browser.get("http://127.0.0.1:" + port + "/#" + screen);
        browser.manage().deleteAllCookies(); // the session cookie signs in now (ADR 0019)
        browser.executeScript("sessionStorage.clear(); localStorage.clear()");
        browser.navigate().refresh();
        signIn(user, password);
    }

    private void assertTabs(String... visible) {
        List<String> shown = browser.findElements(By.cssSelector("#screens [role=tab]")).stream()
                .filter(WebElement::isDisplayed).map(tab -> tab.getDomAttribute("data-screen")).toList();
        assertThat(shown).containsExactly(visible);
    }

    private void signIn(String user, String password) {
        WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-user")));
        name.clear();
        name.sendKeys(user);
        browser.findElement(By.id("login-password")).clear();
        browser.findElement(By.id("login-password")).sendKeys(password);
        browser.findElement(By.id("login-submit")).click();
    }
}
