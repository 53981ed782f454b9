package org.serveline.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.serveline.server.call.CallAttempts;
import org.serveline.server.call.PbxGateway;
import org.serveline.server.console.ConsoleCalls.Recorded;
import org.serveline.server.testsupport.BrowserIntegrationTest;
import org.serveline.server.testsupport.HeadlessChromium;
import org.serveline.server.testsupport.ServelineIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The operator and recordings screens in a real headless Chromium: the built-in PBX simulator lists PJSIP/agent100 and
 * agent101 as registered softphones that answer (PJSIP/agent200 is not registered); recordings are ingested with the
 * real ffmpeg. Private schema, spool and store; no dialer, so approved tasks wait for the operator. A small connection
 * pool, closed with the context (and its simulator) after the class: the embedded MariaDB's connections are shared
 * by every cached test context.
 */
@ServelineIntegrationTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestPropertySource(properties = {
    "serveline.embedded-db.schema=serveline_console_ops",
    "spring.datasource.hikari.maximum-pool-size=8",
    "spring.datasource.hikari.minimum-idle=2",
    "serveline.simulator.enabled=true",
    "serveline.simulator.registered-endpoints[0]=agent100",
    "serveline.simulator.registered-endpoints[1]=agent101",
    "serveline.simulator.parties.agent100=CONSENT",
    "serveline.simulator.parties.agent101=CONSENT",
    "serveline.simulator.parties.13800138000=CONSENT",
    "serveline.dialer.enabled=false",
    "serveline.recordings.review-sample-rate=0",
    "serveline.recordings.settle-time=PT0S",
    "serveline.recordings.scan-interval=PT1H",
})
@Timeout(120)
class ConsoleScreensBrowserIntegrationTests extends BrowserIntegrationTest {

    private static final Path DIR = tempDir();

    @DynamicPropertySource
    static void dirs(DynamicPropertyRegistry registry) {
        registry.add("serveline.simulator.spool-dir", () -> DIR.resolve("spool").toString());
        registry.add("serveline.recordings.spool-dir", () -> DIR.resolve("spool").toString());
        registry.add("serveline.recordings.store-root", () -> DIR.resolve("store").toString());
        registry.add("serveline.recordings.work-dir", () -> DIR.resolve("work").toString());
    }

    @LocalServerPort
    int port;
    @Autowired
    CallAttempts attempts;
    @Autowired
    PbxGateway gateway;

    ConsoleCalls calls;

    @BeforeEach
    void setUp() {
        calls = new ConsoleCalls(port, attempts, DIR.resolve("spool"));
        await().atMost(Duration.ofSeconds(30)).until(() -> gateway.isUp("simulator"));
    }

    @Test
    void anOperatorWithARegisteredEndpointTakesTheNextTaskCallsOnceOnADoubleClickAndMarksConsent() throws Exception {
        JsonNode task = calls.approvedTask();
        long taskId = task.get("id").asLong();
        open("operator", "operator", "operator-pw");
        wait.until(ExpectedConditions.textToBe(By.id("op-queue-total"), "暂无当事人等待。"));

        signInWith("PJSIP/agent100");
        // Asterisk's "Not in use" in words, its own word in the tooltip only
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("op-status"), "已注册（空闲"));
        assertThat(browser.findElement(By.id("op-status")).getText()).doesNotContain("未注册")
                .doesNotContain("Not in use");
        assertThat(browser.findElement(By.cssSelector("#op-status strong")).getDomAttribute("title"))
                .isEqualTo("交换机原文：Not in use");
        assertThat(browser.executeScript("return localStorage.getItem('serveline.operator.endpoint')"))
                .as("the endpoint remembered").isEqualTo("PJSIP/agent100");

        browser.findElement(By.id("op-next")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("op-task-title"),
                task.get("caseNumber").asString()));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("op-task-facts"),
                "1 份文书：summons.pdf (application/pdf)"));
        assertThat(browser.findElement(By.id("op-task-facts")).getText()).contains("张三").contains("+8613800138000");
        assertThat(browser.findElement(By.id("op-address")).getDomProperty("value")).isEqualTo("+8613800138000");
        assertThat(browser.findElement(By.id("op-script")).getText()).isNotBlank();

        Object disabledAfterFirstClick = browser.executeScript(
                "const call = document.getElementById('op-call'); call.click(); call.click(); return call.disabled;");
        assertThat(disabledAfterFirstClick).as("the call button while the call is placed").isEqualTo(true);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("op-call-status"), "正在呼叫 张三（"));
        assertThat(browser.findElement(By.id("op-call-status")).getText()).contains(task.get("caseNumber").asString())
                .contains("+8613800138000").doesNotContain("DIALING");
        assertThat(calls.attempts(taskId)).as("one call for the double click").hasSize(1);
        assertThat(browser.findElement(By.id("op-call-status")).getText()).as("no call id on screen")
                .doesNotContain(calls.attempts(taskId).get(0));
        assertThat(browser.findElement(By.id("op-error")).getText()).isEmpty();

        wait.until(ExpectedConditions.elementToBeClickable(By.id("op-call"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("op-error"),
                "冲突：任务 " + taskId + " 已有通话正在进行"));
        assertThat(browser.findElement(By.id("op-error")).getText()).as("the conflict in Chinese")
                .doesNotContainPattern("[A-Za-z]{2,}");
        assertThat(calls.attempts(taskId)).hasSize(1);
        Files.write(Path.of("target", "console-operator.png"), browser.getScreenshotAs(OutputType.BYTES));
        String attempt = calls.attempts(taskId).get(0);
        await().atMost(Duration.ofSeconds(20)).until(() -> gateway.answeredAt(attempt).isPresent());
        // the call timer: the feed says the call was answered, and the duration counts up in the browser
        wait.until(ExpectedConditions.attributeToBe(By.id("op-call-timer"), "data-state", "ANSWERED"));
        assertThat(browser.findElement(By.id("op-call-timer")).getText()).startsWith("通话中 ");
        String started = browser.findElement(By.cssSelector("#op-call-timer .call-duration")).getText();
        wait.until(driver -> seconds(driver.findElement(By.cssSelector("#op-call-timer .call-duration")).getText())
                > seconds(started));
        // the PBX's last word was "Not in use" (in-call device states are filtered): the call says the phone is in use
        assertThat(browser.findElement(By.id("op-status")).getDomAttribute("data-softphone")).isEqualTo("INUSE");
        assertThat(browser.findElement(By.cssSelector("#op-status strong")).getText()).isEqualTo("通话中");

        WebElement address = browser.findElement(By.id("op-address"));
        address.clear();
        address.sendKeys("zhang.san@example.cn");
        browser.findElement(By.id("op-consent")).click();
        awaitOperatorMessage("已记录同意；当前状态：电子送达，送达至 zhang.san@example.cn");
        assertThat(browser.findElement(By.id("op-task")).isDisplayed()).isFalse();
        assertThat(calls.timelineActions(taskId)).contains("OPERATOR_TOOK_TASK", "OPERATOR_SERVED_CONSENT");
    }

    @Test
    void aCallBackWithoutATimeIsRefusedKeepingTheFormThenRecordedAndTheCallEnded() {
        JsonNode task = calls.approvedTask();
        long taskId = task.get("id").asLong();
        open("operator", "operator2", "operator2-pw");
        signInWith("PJSIP/agent101");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("op-status"), "已注册（空闲"));
        browser.findElement(By.id("op-next")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("op-task-title"),
                task.get("caseNumber").asString()));
        browser.findElement(By.id("op-call")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("op-call-status"), "正在呼叫"));
        String attempt = calls.attempts(taskId).get(0);
        await().atMost(Duration.ofSeconds(20)).until(() -> gateway.answeredAt(attempt).isPresent());

        new Select(browser.findElement(By.id("op-disposition"))).selectByValue("CALL_BACK");
        browser.findElement(By.id("op-note")).sendKeys("在开会，明天再打");
        browser.findElement(By.id("op-dispose")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("op-error"), "回拨时间：约定回拨须填写回拨时间"));
        assertThat(browser.findElement(By.id("op-note")).getDomProperty("value")).isEqualTo("在开会，明天再打");
        assertThat(browser.findElement(By.id("op-task")).isDisplayed()).isTrue();

        browser.executeScript("const at = new Date(Date.now() + 86400000); at.setSeconds(0, 0);"
                + "at.setMinutes(at.getMinutes() - at.getTimezoneOffset());"
                + "document.getElementById('op-callback-at').value = at.toISOString().substring(0, 16);");
        browser.findElement(By.id("op-dispose")).click();
        awaitOperatorMessage("已记录“约定回拨”；当前状态：电话送达");
        assertThat(calls.timelineActions(taskId)).contains("OPERATOR_CALL_BACK");

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("op-last-hangup"))).click();
        awaitOperatorMessage("已挂断任务 " + taskId + " 的通话");
        assertThat(calls.timelineActions(taskId)).contains("OPERATOR_HANGUP");
        assertThat(browser.findElement(By.id("op-error")).getText()).isEmpty();
    }

    @Test
    void anOperatorWithAnUnregisteredEndpointSeesTheProblemKeepsWhatWasTypedAndSignsOut() {
        open("operator", "operator2", "operator2-pw");

        signInWith("Local/200@agents");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("op-session-error"),
                "请求有误：分机：分机应为 PJSIP 终端"));
        assertThat(browser.findElement(By.id("op-endpoint")).getDomProperty("value")).isEqualTo("Local/200@agents");

        signInWith("PJSIP/agent200");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("op-status"), "未注册（状态未知"));
        browser.findElement(By.id("op-next")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("op-error"),
                "冲突：分机 PJSIP/agent200 未注册"));
        assertThat(browser.findElement(By.id("op-task")).isDisplayed()).isFalse();

        browser.findElement(By.id("op-sign-out")).click();
        wait.until(ExpectedConditions.textToBe(By.id("op-status"), "尚未上线。"));
        assertThat(browser.findElement(By.id("op-next")).isEnabled()).isFalse();

        // the next time the screen opens, the endpoint last signed in with is filled in (not typed at every sign-in)
        browser.get("about:blank");
        browser.get("http://127.0.0.1:" + port + "/#operator");
        wait.until(ExpectedConditions.attributeToBe(By.id("op-endpoint"), "value", "PJSIP/agent200"));
    }

    /** A duration shown as m:ss or h:mm:ss, in seconds. */
    private static int seconds(String shown) {
        int total = 0;
        for (String part : shown.strip().split(":")) {
            total = total * 60 + Integer.parseInt(part);
        }
        return total;
    }

    @Test
    void aReviewerFindsARecordingByCaseNumberAndCannotPlayItWithoutAReason() throws Exception {
        Recorded call = calls.consentCall("operator");
        open("recordings", "reviewer", "reviewer-pw");

        browser.findElement(By.id("rec-case")).sendKeys(call.caseNumber());
        browser.findElement(By.id("rec-search")).click();
        wait.until(ExpectedConditions.textToBe(By.id("rec-total"), "共 1 条录音"));
        selectRecording(call);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rec-queue-note"), "只有主管"));
        assertThat(browser.findElement(By.id("rec-verdict-form")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("rec-hold")).isDisplayed()).isFalse();

        browser.findElement(By.id("rec-play")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rec-play-error"), "请先填写调听原因"));
        assertThat(browser.findElement(By.id("rec-audio")).getDomAttribute("src")).isNull();
        assertThat(calls.timelineActions(call.taskId())).doesNotContain("RECORDING_ACCESSED");

        browser.findElement(By.id("rec-reason")).sendKeys("核对同意 audit of consent");
        browser.findElement(By.id("rec-play")).click();
        awaitAudioLoaded();
        Files.write(Path.of("target", "console-recordings-reviewer.png"), browser.getScreenshotAs(OutputType.BYTES));
        assertThat(browser.findElement(By.id("rec-audio")).getDomAttribute("src")).contains("/audio?access=");
        assertThat(browser.findElement(By.id("rec-play-error")).getText()).isEmpty();
        assertThat(calls.timelineActions(call.taskId())).containsOnlyOnce("RECORDING_ACCESSED");
    }

    @Test
    void aSupervisorPlaysAQueuedRecordingGivesAVerdictWithACommentAndHoldsIt() throws Exception {
        Recorded call = calls.consentCall("operator2");
        open("recordings", "supervisor", "supervisor-pw");

        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#rec-queue tr[data-id='" + call.recordingId() + "']"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rec-title"), call.caseNumber()));
        browser.findElement(By.id("rec-reason")).sendKeys("audit of consent");
        browser.findElement(By.id("rec-play")).click();
        awaitAudioLoaded();

        browser.findElement(By.id("rec-comment")).sendKeys("consent clearly given");
        browser.findElement(By.id("rec-add-comment")).click();
        assertThat(browser.findElement(By.id("rec-comments")).getText()).contains("consent clearly given");
        browser.findElement(By.id("rec-notes")).sendKeys("script read in full");
        browser.findElement(By.id("rec-submit-verdict")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rec-verdicts"), "consent clearly given"));
        assertThat(browser.findElement(By.id("rec-verdicts")).getText()).contains("合格").contains("操作人 supervisor")
                .contains("script read in full");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rec-facts"), "合格 （同意通话）"));

        browser.findElement(By.id("rec-hold-place")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rec-hold-error"), "理由：不能为空"));
        browser.findElement(By.id("rec-hold-reason")).sendKeys("appeal pending");
        browser.findElement(By.id("rec-hold-place")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rec-hold-status"), "已保全：appeal pending"));
        assertThat(browser.findElement(By.id("rec-hold-place")).isEnabled()).isFalse();
        browser.findElement(By.id("rec-hold-reason")).sendKeys("appeal decided");
        browser.findElement(By.id("rec-hold-release")).click();
        wait.until(ExpectedConditions.textToBe(By.id("rec-hold-status"), "未保全。"));
        assertThat(calls.timelineActions(call.taskId())).contains("RECORDING_REVIEWED", "RECORDING_ACCESSED");
        Files.write(Path.of("target", "console-recordings.png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    /** Opens the console on a screen, signed out, then signs in. */
    private void open(String screen, String user, String password) {
        HeadlessChromium.signIn(browser, wait, port, screen, user, password);
    }

    /** Waits for the operator screen's message; an error the screen shows instead fails at once, with its text. */
    private void awaitOperatorMessage(String expected) {
        wait.until(driver -> {
            String error = browser.findElement(By.id("op-error")).getText();
            if (!error.isEmpty()) {
                throw new AssertionError("the operator screen shows an error instead of '" + expected + "': " + error);
            }
            return browser.findElement(By.id("op-message")).getText().contains(expected);
        });
    }

    private void signInWith(String endpoint) {
        WebElement field = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("op-endpoint")));
        // the screen fills an empty field with the session's endpoint once it has loaded: type until what was typed
        // is what the field holds, whenever that fill lands
        wait.until(driver -> {
            field.clear();
            field.sendKeys(endpoint);
            return endpoint.equals(field.getDomProperty("value"));
        });
        browser.findElement(By.id("op-sign-in")).click();
    }

    private void selectRecording(Recorded call) {
        WebElement listed = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#recordings tr[data-id='" + call.recordingId() + "']")));
        assertThat(listed.getText()).contains(call.caseNumber());
        listed.click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rec-title"), call.caseNumber()));
    }

    /** The Opus copy reached the audio element and Chromium decoded its header. */
    private void awaitAudioLoaded() {
        wait.until(driver -> (Boolean) browser.executeScript(
                "const a = document.getElementById('rec-audio'); return a.readyState >= 1 && a.duration > 0;"));
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("serveline-console-screens");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
