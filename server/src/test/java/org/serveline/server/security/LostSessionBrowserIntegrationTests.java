package org.serveline.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.serveline.server.security.internal.SessionStreams;
import org.serveline.server.testsupport.BrowserIntegrationTest;
import org.serveline.server.testsupport.HeadlessChromium;
import org.serveline.server.testsupport.ServelineIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A live screen (the supervisor's board, the operator's ringing feed) whose session ends elsewhere (signed out from
 * another tab, ended by the server): its stream ends, the sign-in form appears instead of "reconnecting" forever, and
 * after signing in again the stream is live again.
 */
@ServelineIntegrationTest
@Timeout(180)
class LostSessionBrowserIntegrationTests extends BrowserIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    SessionStreams sessionStreams;

    @Test
    void theBoardWhoseSessionEndsShowsTheSignInFormAndGoesLiveAgainAfterSigningIn() throws Exception {
        HeadlessChromium.signIn(browser, wait, port, "board", "supervisor", "supervisor-pw");
        wait.until(ExpectedConditions.attributeToBe(By.id("bd-connection"), "data-state", "open"));
        assertThat(sessionStreams.size()).as("the board's stream, held for its session").isPositive();

        signOutElsewhere();

        WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-user")));
        assertThat(browser.findElement(By.id("login-error")).getText()).isEqualTo("请重新登录");
        assertThat(browser.findElement(By.id("app")).isDisplayed()).isFalse();
        // the form is shown by the same answer (401) that then marks the stream refused: a moment apart
        wait.until(ExpectedConditions.attributeToBe(By.id("bd-connection"), "data-state", "refused"));
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "console-session-lost.png"), browser.getScreenshotAs(OutputType.BYTES));

        signInAgain(name, "supervisor");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("board-screen")));
        wait.until(ExpectedConditions.attributeToBe(By.id("bd-connection"), "data-state", "open"));
        assertThat(browser.findElement(By.id("bd-connection")).getText()).isEqualTo("实时更新中");
    }

    @Test
    void theOperatorsRingingFeedWhoseSessionEndsShowsTheSignInFormAndComesBackAfterSigningIn() throws Exception {
        HeadlessChromium.signIn(browser, wait, port, "operator", "operator2", "operator2-pw");
        wait.until(ExpectedConditions.attributeToBe(By.id("op-feed-status"), "data-state", "open"));

        signOutElsewhere();

        WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-user")));
        wait.until(ExpectedConditions.attributeToBe(By.id("op-feed-status"), "data-state", "refused"));
        signInAgain(name, "operator2");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("operator-screen")));
        wait.until(ExpectedConditions.attributeToBe(By.id("op-feed-status"), "data-state", "open"));
        assertThat(browser.findElement(By.id("op-feed-status")).getText()).isEqualTo("转接提醒已开启。");
    }

    private void signInAgain(WebElement name, String user) {
        name.clear();
        name.sendKeys(user);
        browser.findElement(By.id("login-password")).sendKeys(user + "-pw");
        browser.findElement(By.id("login-submit")).click();
    }

    /** The browser's session signed out by another request (another tab, a script holding the cookie). */
    private void signOutElsewhere() throws Exception {
        String session = browser.manage().getCookieNamed("JSESSIONID").getValue();
        String csrf = browser.manage().getCookieNamed("XSRF-TOKEN").getValue();
        HttpResponse<String> out = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/v1/sign-out"))
                .header("Cookie", "JSESSIONID=" + session + "; XSRF-TOKEN=" + csrf).header("X-XSRF-TOKEN", csrf)
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(out.statusCode()).isEqualTo(204);
    }
}
