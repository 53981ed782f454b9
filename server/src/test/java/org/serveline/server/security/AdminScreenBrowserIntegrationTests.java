package org.serveline.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The 管理 screen as an administrator uses it, in a real headless Chromium: a user created with two roles, a role
 * changed with the roles' Chinese names, a password reset typed twice (the user then signs in with it), a user
 * disabled after a confirmation (who then cannot sign in), a token revoked after a confirmation (which then gets 401),
 * and dates written in the console's language.
 */
@ServelineIntegrationTest
@Timeout(180)
class AdminScreenBrowserIntegrationTests extends BrowserIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anAdministratorManagesPeopleAndTokensOnTheAdminScreen() throws Exception {
        String name = "staff" + System.nanoTime() % 1_000_000_000L;
        String locked = "locked" + System.nanoTime() % 1_000_000_000L;
        ApiClient admin = ApiClient.on(port).as("admin", "admin-pw");
        assertThat(admin.post("/api/v1/admin/users", ApiClient.json(Map.of("name", locked, "password",
                "locked-password", "roles", List.of("FIELD")))).status()).isEqualTo(201);
        jdbc.sql("INSERT INTO sign_in_failure (name, failures, last_failure_at, locked_until) VALUES (:n, 5, :at, :until)")
                .param("n", locked).param("at", java.sql.Timestamp.from(Instant.now()))
                .param("until", java.sql.Timestamp.from(Instant.parse("2026-12-24T01:39:08Z"))).update();
        HeadlessChromium.signIn(browser, wait, port, "admin", "admin", "admin-pw");

        // a user with two roles, chosen by their Chinese names
        browser.findElement(By.id("admin-user-name")).sendKeys(name);
        browser.findElement(By.id("admin-user-password")).sendKeys("first-password");
        assertThat(browser.findElement(By.id("admin-user-roles")).getText()).contains("书记员", "审查员", "外勤送达员");
        browser.findElement(By.id("admin-user-role-CLERK")).click();
        browser.findElement(By.id("admin-user-role-REVIEWER")).click();
        browser.findElement(By.id("admin-user-create")).click();
        By userRow = By.cssSelector("#admin-users tr[data-user='" + name + "']");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(userRow, "书记员、审查员"));
        assertThat(roles(admin, name)).isEqualTo("[CLERK, REVIEWER]");

        // a locked user's time in the console's language (Chinese), not the browser's
        String lockedState = browser.findElement(By.cssSelector("#admin-users tr[data-user='" + locked + "']")).getText();
        assertThat(lockedState).containsPattern("已锁定至 2026/12/\\d{1,2} \\d{1,2}:39:08").doesNotContain("AM", "PM");

        // roles changed with checkboxes, no English codes typed
        action(name, "roles").click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("admin-edit-roles")));
        assertThat(browser.findElement(By.id("admin-edit-role-CLERK")).isSelected()).isTrue();
        assertThat(browser.findElement(By.id("admin-edit-role-REVIEWER")).isSelected()).isTrue();
        assertThat(browser.findElement(By.id("admin-edit-roles")).getText()).contains("审查员", "主管");
        browser.findElement(By.id("admin-edit-role-REVIEWER")).click();
        browser.findElement(By.id("admin-edit-role-SUPERVISOR")).click();
        browser.findElement(By.id("admin-edit-save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(userRow, "书记员、主管"));
        assertThat(roles(admin, name)).isEqualTo("[CLERK, SUPERVISOR]");

        // a new password typed twice into password fields, the minimum length said
        action(name, "password").click();
        WebElement first = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("admin-edit-password")));
        assertThat(first.getAttribute("type")).isEqualTo("password");
        assertThat(browser.findElement(By.id("admin-edit")).getText()).contains("至少 8 位");
        first.sendKeys("second-password");
        browser.findElement(By.id("admin-edit-password2")).sendKeys("second-passwort");
        browser.findElement(By.id("admin-edit-save")).click();
        wait.until(ExpectedConditions.textToBe(By.id("admin-edit-error"), "两次输入的密码不一致"));
        browser.findElement(By.id("admin-edit-password2")).clear();
        browser.findElement(By.id("admin-edit-password2")).sendKeys("second-password");
        browser.findElement(By.id("admin-edit-save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("admin-user-notice"), "密码已重置"));
        assertThat(new SessionClient(port).signIn(name, "second-password").status()).isEqualTo(200);

        // disabled after a confirmation; then the sign-in is refused
        action(name, "disable").click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(userRow, "确定停用用户 " + name));
        assertThat(admin.get("/api/v1/admin/users/" + name).body().get("enabled").asBoolean())
                .as("nothing happens before the confirmation").isTrue();
        browser.findElement(By.cssSelector("#admin-users tr[data-user='" + name + "'] [data-action='confirm']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(userRow, "已停用"));
        assertThat(new SessionClient(port).signIn(name, "second-password").status()).isEqualTo(401);

        // a token revoked after a confirmation; then it gets 401
        ApiClient.Response created = admin.post("/api/v1/admin/tokens", ApiClient.json(Map.of("name", "待吊销",
                "roles", List.of("CLERK"))));
        String secret = created.body().get("secret").asString();
        String id = created.body().get("token").get("id").asString();
        assertThat(bearer(secret)).isEqualTo(200);
        browser.findElement(By.id("tab-tasks")).click();
        browser.findElement(By.id("tab-admin")).click();
        By tokenRow = By.cssSelector("#admin-tokens tr[data-token='" + id + "']");
        wait.until(ExpectedConditions.presenceOfElementLocated(tokenRow));
        browser.findElement(By.cssSelector("#admin-tokens tr[data-token='" + id + "'] [data-action='revoke']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(tokenRow, "确定吊销令牌“待吊销”"));
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "console-admin.png"), browser.getScreenshotAs(OutputType.BYTES));
        browser.findElement(By.cssSelector("#admin-tokens tr[data-token='" + id + "'] [data-action='confirm']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(tokenRow, "已吊销"));
        assertThat(bearer(secret)).isEqualTo(401);

        // "API" is a technical abbreviation like those HeadlessChromium allows (the heading "API 令牌")
        assertThat(HeadlessChromium.englishShown(browser)).filteredOn(w -> !w.startsWith("API "))
                .as("labels left in English").isEmpty();

        // a token refused by the server: its error is shown under the token section
        browser.executeScript("document.getElementById('admin-token-name').value = ' '.repeat(3) + 'y'.repeat(70)");
        browser.executeScript("document.getElementById('admin-token-name').removeAttribute('maxlength')");
        browser.findElement(By.id("admin-token-role-CLERK")).click();
        browser.findElement(By.id("admin-token-create")).click();
        wait.until(ExpectedConditions.textMatches(By.id("admin-token-error"), java.util.regex.Pattern.compile(".+")));
        assertThat(browser.findElement(By.id("admin-user-error")).getText()).isEmpty();
    }

    private static WebElement action(String user, String action) {
        return wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(
                "#admin-users tr[data-user='" + user + "'] [data-action='" + action + "']")));
    }

    private static String roles(ApiClient admin, String name) {
        List<String> roles = new java.util.ArrayList<>();
        admin.get("/api/v1/admin/users/" + name).body().get("roles").forEach(r -> roles.add(r.asString()));
        return roles.stream().sorted().toList().toString();
    }

    private int bearer(String secret) {
        return new SessionClient(port).send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/me"))
                .header("Authorization", "Bearer " + secret).GET()).status();
    }
}
