package org.serveline.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
class ConsoleBrowserIntegrationTests {

    @LocalServerPort
    int port;

    static ChromeDriver browser;
    static WebDriverWait wait;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = HeadlessChromium.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aWrongPasswordIsToldAndAReviewerApprovesTheTaskAwaitingReview() throws Exception {
        browser.manage().deleteAllCookies();
        browser.get("http://127.0.0.1:" + port + "/");
        browser.executeScript("sessionStorage.clear()");
        browser.navigate().refresh();

        signIn("reviewer", "wrong");
        wait.until(ExpectedConditions.textToBe(By.id("login-error"), "Wrong user or password"));

        signIn("reviewer", "reviewer-pw");
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#tasks tbody tr"), 14));
        WebElement submitted = browser.findElement(By.xpath("//tbody/tr[td/span[text()='SUBMITTED']]"));
        String party = submitted.findElements(By.tagName("td")).get(2).getText();
        submitted.click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("approve"))).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"), "TASK_APPROVE"));
        assertThat(browser.findElement(By.id("detail-facts")).getText()).contains("APPROVED").contains(party);
        assertThat(browser.findElement(By.id("timeline")).getText()).contains("TASK_SUBMITTED").contains("by reviewer");
        Path shot = Path.of("target", "console-review.png");
        Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void theReturnedDemoTaskShowsItsReason() {
        browser.get("http://127.0.0.1:" + port + "/");
        browser.executeScript("sessionStorage.clear()");
        browser.navigate().refresh();
        signIn("clerk", "clerk-pw");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//tbody/tr[td/span[text()='RETURNED']]")))
                .click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("detail-facts"), "送达地址缺少门牌号"));
    }

    @Test
    void anOperatorSeesOnlyTheOperatorScreenEvenWhenTheAddressNamesTasksAndAfterAReload() {
        openAs("tasks", "operator", "operator-pw");

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("operator-screen")));
        assertTabs("operator");
        assertThat(browser.findElement(By.id("tasks-screen")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("who")).getText()).isEqualTo("Signed in as operator (OPERATOR)");
        assertThat(browser.getCurrentUrl()).endsWith("#operator");

        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("operator-screen")));
        assertTabs("operator");
    }

    @Test
    void aClerkSeesOnlyTheTasksScreenEvenWhenTheAddressNamesRecordings() {
        openAs("recordings", "clerk", "clerk-pw");

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("tasks-screen")));
        assertTabs("tasks");
        assertThat(browser.findElement(By.id("recordings-screen")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("who")).getText()).isEqualTo("Signed in as clerk (CLERK)");
        assertThat(browser.getCurrentUrl()).endsWith("#tasks");
    }

    @Test
    void aSupervisorSeesEveryScreenAndTheRecordingsReviewQueue() {
        openAs("recordings", "supervisor", "supervisor-pw");

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("recordings-screen")));
        assertTabs("tasks", "operator", "recordings");
        assertThat(browser.findElement(By.id("rec-queue")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("rec-queue-note")).getText()).doesNotContain("Only supervisors");
    }

    /** Opens the console at a screen's address, signed out, then signs in. */
    private void openAs(String screen, String user, String password) {
        browser.get("http://127.0.0.1:" + port + "/#" + screen);
        browser.executeScript("sessionStorage.clear()");
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
