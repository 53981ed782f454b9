package org.serveline.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.serveline.server.testsupport.ApiClient;
import org.serveline.server.testsupport.BrowserIntegrationTest;
import org.serveline.server.testsupport.HeadlessChromium;
import org.serveline.server.testsupport.ServelineIntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The sign-in form, its refusals and lock, signing out, and the 管理 screen, in a real headless Chromium. */
@ServelineIntegrationTest
@Timeout(180)
class SignInBrowserIntegrationTests extends BrowserIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void aWrongPasswordIsToldTheRightOneSignsInNothingSecretIsStoredAndSignOutEndsTheSession() {
        open();
        signIn("clerk", "wrong");
        wait.until(ExpectedConditions.textToBe(By.id("login-error"), "用户名或密码错误"));
        assertThat(browser.findElement(By.id("login-hint")).isDisplayed()).as("demo users named off the demo").isFalse();

        signIn("clerk", "clerk-pw");
        wait.until(ExpectedConditions.textToBe(By.id("who"), "当前用户 clerk (书记员)"));
        assertThat(browser.executeScript("return JSON.stringify(sessionStorage) + JSON.stringify(localStorage)"))
                .asString().doesNotContain("clerk-pw").doesNotContain("Y2xlcmst"); // nor Base64 of "clerk-…"
        assertThat(browser.manage().getCookieNamed("JSESSIONID").isHttpOnly()).isTrue();

        browser.navigate().refresh();
        wait.until(ExpectedConditions.textToBe(By.id("who"), "当前用户 clerk (书记员)"));

        wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-out"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-user")));
        assertThat(browser.findElement(By.id("login-error")).getText()).isEqualTo("您已退出登录");
        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-user")));
        assertThat(browser.findElement(By.id("app")).isDisplayed()).isFalse();
    }

    @Test
    void repeatedWrongPasswordsLockTheNameAndTheFormSaysSo() {
        String name = "locked" + System.nanoTime();
        assertThat(ApiClient.on(port).as("admin", "admin-pw").post("/api/v1/admin/users", ApiClient.json(Map.of(
                "name", name, "password", "right-password", "roles", List.of("CLERK")))).status()).isEqualTo(201);
        open();
        for (int i = 1; i <= 4; i++) {
            signIn(name, "wrong-" + i);
            wait.until(ExpectedConditions.textToBe(By.id("login-error"), "用户名或密码错误"));
            browser.executeScript("document.getElementById('login-error').textContent = ''");
        }
        signIn(name, "wrong-5");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-error"), "已暂时锁定"));
        signIn(name, "right-password");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-error"), "登录失败次数过多"));
        assertThat(browser.findElement(By.id("app")).isDisplayed()).isFalse();
    }

    @Test
    void anAdministratorCreatesATokenWhoseSecretIsShownOnceAndWorks() throws Exception {
        open();
        signIn("admin", "admin-pw");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("tab-admin"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("admin-screen")));
        assertThat(browser.findElement(By.id("tab-admin")).getText()).isEqualTo("管理");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#admin-users tr[data-user='clerk']")));

        browser.findElement(By.id("admin-token-name")).sendKeys("案件管理系统");
        browser.findElement(By.id("admin-token-role-CLERK")).click();
        browser.findElement(By.id("admin-token-create")).click();
        WebElement secret = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("admin-token-secret")));
        String token = secret.getText();
        assertThat(token).startsWith("svl_");
        assertThat(browser.findElement(By.id("admin-token-secret-box")).getText()).contains("只显示这一次");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("admin-tokens"), "案件管理系统"));
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "console-admin-token.png"), browser.getScreenshotAs(OutputType.BYTES));

        ApiClient.Response me = new SessionClient(port).send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port + "/api/v1/me"))
                .header("Authorization", "Bearer " + token).GET());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().get("roles").toString()).isEqualTo("[\"CLERK\"]");

        // leaving the screen and coming back: the secret is gone, only the hash is kept
        browser.findElement(By.id("tab-tasks")).click();
        browser.findElement(By.id("tab-admin")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("admin-token-secret-box")));
        assertThat(browser.getPageSource()).doesNotContain(token);
    }

    private void open() {
        browser.manage().deleteAllCookies();
        browser.get("http://127.0.0.1:" + port + "/");
        browser.executeScript("sessionStorage.clear(); localStorage.clear()");
        browser.navigate().refresh();
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
