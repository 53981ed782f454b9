package org.serveline.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.serveline.server.call.CallAttempt;
import org.serveline.server.call.CallAttempts;
import org.serveline.server.console.ConsoleCalls.Recorded;
import org.serveline.server.task.ServiceTasks;
import org.serveline.server.task.TaskId;
import org.serveline.server.task.TaskTrigger;
import org.serveline.server.testsupport.BrowserIntegrationTest;
import org.serveline.server.testsupport.HeadlessChromium;
import org.serveline.server.testsupport.ServelineIntegrationTest;
import org.serveline.server.testsupport.TaskFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The recordings audit's waveform player and the statistics charts in a real headless Chromium (ADR 0022): a
 * supervisor states a reason once, the waveform is drawn from the server's peaks with the consent marked, "play from
 * the consent" moves the streamed audio there and it plays; a verdict comment becomes a marker that seeks; the
 * statistics screen draws both charts with the bundle's Chinese labels. Recordings are ingested with the real ffmpeg.
 */
@ServelineIntegrationTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestPropertySource(properties = {
    "serveline.embedded-db.schema=serveline_console_player",
    "spring.datasource.hikari.maximum-pool-size=8",
    "spring.datasource.hikari.minimum-idle=2",
    "serveline.dialer.enabled=false",
    "serveline.recordings.review-sample-rate=0",
    "serveline.recordings.settle-time=PT0S",
    "serveline.recordings.scan-interval=PT1H",
})
@Timeout(180)
class ConsolePlayerBrowserIntegrationTests extends BrowserIntegrationTest {

    private static final Path DIR = tempDir();
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** Where ConsoleCalls' consent calls consented. */
    private static final double CONSENT_SECONDS = 1.2;

    @DynamicPropertySource
    static void dirs(DynamicPropertyRegistry registry) {
        registry.add("serveline.recordings.spool-dir", () -> DIR.resolve("spool").toString());
        registry.add("serveline.recordings.store-root", () -> DIR.resolve("store").toString());
        registry.add("serveline.recordings.work-dir", () -> DIR.resolve("work").toString());
    }

    @LocalServerPort
    int port;
    @Autowired
    CallAttempts attempts;
    @Autowired
    ServiceTasks tasks;

    ConsoleCalls calls;

    @BeforeAll
    static void prepare() throws Exception {
        Files.createDirectories(SCREENSHOTS);
    }

    @BeforeEach
    void setUp() {
        calls = new ConsoleCalls(port, attempts, DIR.resolve("spool"));
    }

    @Test
    void theLibrariesAreServedFromTheirWebJarsToAnyone() throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            for (String path : List.of("/webjars/wavesurfer.js/dist/wavesurfer.min.js",
                    "/webjars/wavesurfer.js/dist/plugin/wavesurfer.markers.min.js",
                    "/webjars/echarts/dist/echarts.common.min.js")) {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(path).isEqualTo(200);
                assertThat(answer.headers().firstValue("Content-Type").orElse("")).as(path).contains("javascript");
                assertThat(answer.body()).as(path).hasSizeGreaterThan(4000);
            }
            HttpResponse<String> missing = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/webjars/echarts/dist/nothing.js")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(missing.statusCode()).isEqualTo(404);
        }
    }

    @Test
    void aSupervisorStatesAReasonSeesTheWaveformAndPlaysFromTheConsentMarker() throws Exception {
        Recorded call = calls.consentCall("operator");
        open("recordings", "supervisor", "supervisor-pw");
        browser.findElement(By.id("rec-case")).sendKeys(call.caseNumber());
        browser.findElement(By.id("rec-search")).click();
        // the screen's own first listing and the search both draw the table: click the row of whichever is current
        By row = By.cssSelector("#recordings tr[data-id='" + call.recordingId() + "']");
        wait.ignoring(StaleElementReferenceException.class).until(driver -> {
            driver.findElement(row).click();
            return true;
        });
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rec-title"), call.caseNumber()));
        assertThat(browser.findElement(By.id("rec-player")).isDisplayed()).as("no player before a reason").isFalse();

        browser.findElement(By.id("rec-reason")).sendKeys("核对同意");
        browser.findElement(By.id("rec-play")).click();

        WebElement canvas = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#rec-waveform canvas")));
        assertThat(canvas.getSize().getWidth()).isPositive();
        assertThat(canvas.getSize().getHeight()).isPositive();
        wait.until(driver -> (Boolean) browser.executeScript("""
                const canvas = document.querySelector('#rec-waveform wave canvas');
                const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) return true;
                return false;"""));
        WebElement consent = browser.findElement(By.cssSelector("#rec-waveform .marker-consent"));
        assertThat(consent.getDomAttribute("data-offset-ms")).isEqualTo("1200");
        assertThat(consent.getText()).isEqualTo("同意");
        assertThat(browser.findElement(By.id("rec-audio")).getDomAttribute("src"))
                .startsWith("/api/v1/recordings/" + call.recordingId() + "/audio?access=");

        browser.executeScript("document.getElementById('rec-audio').pause()");
        browser.findElement(By.id("rec-from-consent")).click();
        wait.until(driver -> {
            double at = currentTime();
            return at >= CONSENT_SECONDS - 0.05 && at < CONSENT_SECONDS + 1.5;
        });
        wait.until(driver -> currentTime() > CONSENT_SECONDS + 0.3
                && !(Boolean) browser.executeScript("return document.getElementById('rec-audio').paused"));
        assertThat(browser.findElement(By.id("rec-time")).getText()).contains(" / 0:04.");
        browser.executeScript("document.getElementById('rec-title').scrollIntoView()");
        Files.write(SCREENSHOTS.resolve("console-player.png"), browser.getScreenshotAs(OutputType.BYTES));

        browser.executeScript("const a = document.getElementById('rec-audio'); a.pause(); a.currentTime = 3.0;");
        wait.until(driver -> Math.abs(currentTime() - 3.0) < 0.05);
        browser.findElement(By.id("rec-comment")).sendKeys("当事人明确同意");
        browser.findElement(By.id("rec-add-comment")).click();
        browser.findElement(By.id("rec-submit-verdict")).click();
        WebElement comment = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#rec-waveform .marker-comment")));
        assertThat(comment.getDomAttribute("data-offset-ms")).isEqualTo("3000");
        assertThat(comment.getDomAttribute("title")).contains("当事人明确同意");
        browser.executeScript("document.getElementById('rec-audio').currentTime = 0.5");
        wait.until(driver -> currentTime() < 1.0);
        comment.click();
        wait.until(driver -> Math.abs(currentTime() - 3.0) < 0.3);

        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("rec-speed"))).selectByValue("1.5");
        assertThat(browser.executeScript("return document.getElementById('rec-audio').playbackRate")).isEqualTo(1.5);
        assertThat(browser.findElement(By.id("rec-play-error")).getText()).isEmpty();
        Files.write(SCREENSHOTS.resolve("console-player-comment.png"), browser.getScreenshotAs(OutputType.BYTES));

        Long requests = (Long) browser.executeScript("return performance.getEntriesByType('resource')"
                + ".filter(e => e.name.includes('/audio?access=')).length");
        assertThat(calls.timelineActions(call.taskId())).as("%s audio requests, one listening", requests)
                .containsOnlyOnce("RECORDING_ACCESSED");
        @SuppressWarnings("unchecked")
        List<Long> statuses = (List<Long>) browser.executeScript("return performance.getEntriesByType('resource')"
                + ".filter(e => e.name.includes('/audio?access=')).map(e => e.responseStatus)");
        assertThat(statuses).as("the audio element streamed by Range requests on the session cookie").contains(206L)
                .doesNotContain(401L, 403L);
    }

    @Test
    void theStatisticsScreenDrawsTheChannelSplitAndTheTimeToServeInChinese() throws Exception {
        TaskFixtures fixtures = new TaskFixtures(port);
        long electronic = fixtures.submitTask().get("id").asLong();
        long notice = fixtures.submitTask().get("id").asLong();
        for (long id : List.of(electronic, notice)) {
            tasks.move(new TaskId(id), TaskTrigger.APPROVE, "reviewer", null);
            tasks.move(new TaskId(id), TaskTrigger.DISPATCH, "system", null);
        }
        CallAttempt attempt = attempts.open(new CallAttempts.NewAttempt(electronic, null, null, "pbx-1", "trunk-1",
                "+8613800138000", "node-1", "system"));
        tasks.consent(new TaskId(electronic), "+8613800138000", "system", Map.of("attemptId", attempt.id()));
        tasks.move(new TaskId(electronic), TaskTrigger.DELIVERED, "system", null, Map.of("channel", "ELECTRONIC",
                "serviceDate", "2026-11-30T01:02:03Z", "serviceDateRule", "SMSC_DELIVERED"));
        for (int i = 0; i < 3; i++) {   // PHONE → POSTAL → IN_PERSON → PUBLIC_NOTICE
            tasks.move(new TaskId(notice), TaskTrigger.CHANNEL_FAILED, "system", null, Map.of());
        }
        tasks.move(new TaskId(notice), TaskTrigger.NOTICE_ELAPSED, "system", null, Map.of());

        open("statistics", "reviewer", "reviewer-pw");
        WebElement pie = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#st-chart-channels svg")));
        WebElement bars = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#st-chart-time svg")));
        assertThat(pie.getSize().getWidth()).isPositive();
        assertThat(bars.getSize().getHeight()).isPositive();
        wait.until(driver -> svgText("st-chart-channels").contains("电子送达"));
        assertThat(svgText("st-chart-channels")).contains("电子送达").contains("公告送达");
        assertThat(svgText("st-chart-time")).contains("提交至送达").contains("审批至首次呼叫").contains("中位数")
                .contains("90% 分位").contains("分钟"); // the test's tasks are served within minutes
        assertThat(browser.findElement(By.cssSelector("#statistics-screen figcaption")).getText())
                .isEqualTo("送达方式分布");
        assertThat(browser.findElement(By.id("st-export-tasks")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("st-export-attempts")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("st-error")).getText()).isEmpty();
        browser.executeScript("document.getElementById('st-chart-channels').scrollIntoView()");
        Files.write(SCREENSHOTS.resolve("console-statistics-charts.png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    private double currentTime() {
        return ((Number) browser.executeScript("return document.getElementById('rec-audio').currentTime"))
                .doubleValue();
    }

    private String svgText(String id) {
        return (String) browser.executeScript("return Array.from(document.querySelectorAll('#" + id
                + " svg text')).map(t => t.textContent).join(' ')");
    }

    /**
     * Opens the console on a screen, signed out, then signs in with the form; the audio element's Range requests ride
     * on the session cookie (ADR 0019).
     */
    private void open(String screen, String user, String password) {
        HeadlessChromium.signIn(browser, wait, port, screen, user, password);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("serveline-console-player");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
