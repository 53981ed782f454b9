package org.serveline.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.serveline.server.call.PbxGateway;
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
 * The supervisor's live board and campaign screen, and the operator's ringing transfers, in a real headless Chromium,
 * while campaigns dial the built-in PBX simulator over real AMI and FastAGI (the simulator lists PJSIP/agent100 as a
 * registered softphone). Every change shows without a reload: the page is pushed Server-Sent Events. Screenshots in
 * Chinese go to {@code target/screenshots/}. Private schema; the context is closed after the class.
 */
@ServelineIntegrationTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestPropertySource(properties = {
    "serveline.embedded-db.schema=serveline_console_board",
    "spring.datasource.hikari.maximum-pool-size=8",
    "spring.datasource.hikari.minimum-idle=2",
    "serveline.simulator.enabled=true",
    "serveline.simulator.time-scale=0.3",
    "serveline.simulator.registered-endpoints[0]=agent100",
    "serveline.simulator.parties.agent100=CONSENT",
    "serveline.simulator.parties.13800006001=CONSENT",
    "serveline.simulator.parties.13800006002=ASK_OPERATOR",
    "serveline.simulator.parties.13800006003=CONSENT",
    "serveline.simulator.registered-endpoints[1]=agent101",
    "serveline.simulator.parties.agent101=SILENT",
    "serveline.simulator.parties.13800006004=SILENT",
    "serveline.dialer.tick=PT0.05S",
})
@Timeout(150)
class ConsoleBoardBrowserIntegrationTests extends BrowserIntegrationTest {

    private static final Path SHOTS = Path.of("target", "screenshots");

    @LocalServerPort
    int port;
    @Autowired
    PbxGateway gateway;

    TaskFixtures fixtures;

    @BeforeAll
    static void prepare() throws Exception {
        Files.createDirectories(SHOTS);
    }

    @BeforeEach
    void setUp() {
        fixtures = new TaskFixtures(port);
        await().atMost(Duration.ofSeconds(30)).until(() -> gateway.isUp("simulator"));
    }

    @Test
    void aClerkSubmitsATaskWithADocumentInTheFormAndSeesItDialledAndConsented() throws Exception {
        Path document = Files.createTempDirectory("serveline-board").resolve("传票.pdf");
        Files.write(document, TaskFixtures.pdf("传票"));
        String caseNumber = TaskFixtures.newCaseNumber();
        open("submit", "clerk", "clerk-pw");
        browser.findElement(By.id("sub-case")).sendKeys(caseNumber);
        browser.findElement(By.id("sub-name")).sendKeys("钱拨号");
        browser.findElement(By.id("sub-phones")).sendKeys("138 0000 6003");
        browser.findElement(By.id("sub-documents")).sendKeys(document.toString());
        browser.findElement(By.id("sub-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("detail-title"), caseNumber));
        long task = Long.parseLong(browser.findElement(By.id("detail-title")).getText()
                .replaceAll("^任务 (\\d+) · .*$", "$1"));

        fixtures.review(task, "APPROVE", null);
        long campaign = startCampaign(caseNumber);

        // the clerk's open task is read again every few seconds: the call appears with the party's answer
        By attempt = By.cssSelector("#attempts tbody tr");
        String consented = new WebDriverWait(browser, Duration.ofSeconds(60))
                .ignoring(StaleElementReferenceException.class).until(driver -> driver.findElements(attempt).stream()
                        .map(WebElement::getText).filter(text -> text.contains("同意")).findFirst().orElse(null));
        assertThat(consented).contains("+8613800006003");
        wait.ignoring(StaleElementReferenceException.class).until(driver ->
                driver.findElement(By.id("detail-facts")).getText().matches("(?s).*(电子送达|已送达).*"));
        Files.write(SHOTS.resolve("clerk-task-dialled.png"), browser.getScreenshotAs(OutputType.BYTES));
        stop(campaign);
    }

    @Test
    void theSupervisorWatchesACallComeAndGoOnTheBoardWithoutAReload() throws Exception {
        open("board", "supervisor", "supervisor-pw");
        wait.until(ExpectedConditions.attributeToBe(By.id("bd-connection"), "data-state", "open"));
        wait.until(ExpectedConditions.textToBe(By.id("bd-calls-live"), "0"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#bd-pbxs tr[data-pbx='simulator']"),
                "正常"));
        browser.executeScript("window.boardNotReloaded = true");

        String caseNumber = TaskFixtures.newCaseNumber();
        long task = approvedTask(caseNumber, "张看板", "+86 138 0000 6001");
        long campaign = startCampaign(caseNumber);

        By row = By.cssSelector("#bd-calls tr[data-task='" + task + "']");
        wait.until(ExpectedConditions.presenceOfElementLocated(row));
        assertThat(browser.findElement(row).getText()).contains(caseNumber).contains("simulator").contains("sim-trunk");
        assertThat(browser.findElement(By.id("bd-calls-live")).getText()).isEqualTo("1");
        assertThat(browser.findElement(By.cssSelector("#bd-pbxs tr[data-pbx='simulator']")).getText())
                .contains("sim-trunk 1/");
        assertNoEnglishShown("board");
        Files.write(SHOTS.resolve("supervisor-board-campaign.png"), browser.getScreenshotAs(OutputType.BYTES));

        wait.until(ExpectedConditions.numberOfElementsToBe(row, 0));
        wait.until(ExpectedConditions.textToBe(By.id("bd-calls-live"), "0"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#bd-campaigns [data-campaign='" + campaign + "']"), "已完成 1/1 个任务"));
        assertThat(browser.findElement(By.cssSelector("#bd-campaigns [data-campaign='" + campaign + "']")).getText())
                .contains("同意 1");
        assertThat(browser.executeScript("return window.boardNotReloaded === true")).as("no reload").isEqualTo(true);
        stop(campaign);
    }

    @Test
    void theSupervisorCreatesACampaignWithLimitsSeesEachBadFieldStartsAndPausesIt() {
        open("board", "supervisor", "supervisor-pw");
        String name = "民事送达 " + System.nanoTime() % 100_000;
        type("cm-name", "");
        type("cm-case-type", "无此案号"); // matches no task: this campaign dials nothing
        type("cm-max-concurrent", "3");
        type("cm-cps", "0");
        browser.findElement(By.id("cm-create")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".field-error[data-field='name']"),
                "有误："));

        type("cm-name", name);
        browser.findElement(By.id("cm-create")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector(".field-error[data-field='maxCallsPerSecond']"), "须大于 0"));
        assertThat(browser.findElement(By.cssSelector(".field-error[data-field='name']")).getText()).isEmpty();
        assertThat(browser.findElement(By.id("cm-name")).getDomProperty("value")).as("kept").isEqualTo(name);

        type("cm-cps", "0.5");
        type("cm-from", "9:00");
        type("cm-until", "17:30");
        browser.findElement(By.id("cm-weekends")).click();
        browser.findElement(By.id("cm-create")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("cm-message"), "已创建外呼活动“" + name + "”"));
        JsonNode created = campaignNamed(name);
        long id = created.get("id").asLong();
        JsonNode limits = created.get("limits");
        assertThat(limits.get("maxConcurrentCalls").asInt()).isEqualTo(3);
        assertThat(limits.get("maxCallsPerSecond").asDouble()).isEqualTo(0.5);
        assertThat(limits.get("callingFrom").asString()).startsWith("09:00");
        assertThat(limits.get("callingUntil").asString()).startsWith("17:30");
        assertThat(limits.get("callOnWeekends").asBoolean()).isTrue();
        By state = By.cssSelector("#cm-campaigns tr[data-campaign='" + id + "'] td[data-state]");
        wait.until(ExpectedConditions.textToBe(state, "已创建"));

        action(id, "start").click();
        wait.until(ExpectedConditions.textToBe(state, "进行中"));
        action(id, "pause").click();
        wait.until(ExpectedConditions.textToBe(state, "已暂停"));
        assertThat(campaignNamed(name).get("state").asString()).isEqualTo("PAUSED");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#bd-campaigns [data-campaign='" + id + "']"), "已暂停"));
        action(id, "stop").click();
        wait.until(ExpectedConditions.textToBe(state, "已停止"));
        assertThat(browser.findElement(By.id("cm-error")).getText()).isEmpty();
    }

    @Test
    void theSupervisorAddsAndRemovesADoNotCallNumberAndABadNumberIsToldByItsField() {
        open("board", "supervisor", "supervisor-pw");
        type("dnc-number", "12345");
        type("dnc-reason", "当事人要求不再来电");
        browser.findElement(By.id("dnc-add")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector(".field-error[data-field='number']"), "“12345”不是国际格式（E164）的号码"));

        type("dnc-number", "+86 138 0000 9999");
        browser.findElement(By.id("dnc-add")).click();
        By listed = By.cssSelector("#dnc-list tr[data-number='+8613800009999']");
        wait.until(ExpectedConditions.presenceOfElementLocated(listed));
        assertThat(browser.findElement(listed).getText()).contains("当事人要求不再来电").contains("supervisor");
        assertThat(browser.findElement(By.cssSelector(".field-error[data-field='number']")).getText()).isEmpty();
        assertThat(fixtures.supervisor.get("/api/v1/do-not-call").body().findValuesAsString("number"))
                .contains("+8613800009999");

        browser.findElement(listed).findElement(By.tagName("button")).click();
        wait.until(ExpectedConditions.numberOfElementsToBe(listed, 0));
        assertThat(fixtures.supervisor.get("/api/v1/do-not-call").body().findValuesAsString("number"))
                .doesNotContain("+8613800009999");
    }

    @Test
    void theOperatorsScreenRingsWhenAPartyAsksForAnOperatorAndAcceptingTakesTheTask() throws Exception {
        open("operator", "operator", "operator-pw");
        WebElement endpoint = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("op-endpoint")));
        wait.until(driver -> {
            endpoint.clear();
            endpoint.sendKeys("PJSIP/agent100");
            return "PJSIP/agent100".equals(endpoint.getDomProperty("value"));
        });
        browser.findElement(By.id("op-sign-in")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("op-status"), "已注册"));
        wait.until(ExpectedConditions.attributeToBe(By.id("op-feed-status"), "data-state", "open"));
        assertThat(browser.findElement(By.id("op-ringing")).isDisplayed()).isFalse();

        String caseNumber = TaskFixtures.newCaseNumber();
        long task = approvedTask(caseNumber, "赵转人工", "+86 138 0000 6002");
        long campaign = startCampaign(caseNumber);

        By ring = By.cssSelector("#op-ring-list li[data-task='" + task + "']");
        wait.until(ExpectedConditions.visibilityOfElementLocated(ring));
        String ringing = browser.findElement(ring).getText();
        assertThat(ringing).contains(caseNumber).contains("赵转人工").contains("已播放：问候 → 案件").contains("询问");
        assertThat(Integer.parseInt(browser.findElement(By.id("op-ringing")).getDomAttribute("data-tones")))
                .as("a tone played").isPositive();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("op-queue-total"), "1 人等待中"));
        By queued = By.cssSelector("#op-queue tr[data-task='" + task + "']");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(queued, "赵转人工"));
        assertThat(browser.findElement(queued).getText()).contains(caseNumber);
        assertThat(browser.findElement(By.id("op-status")).getText()).contains("已注册（空闲").doesNotContain("Not in use");
        assertNoEnglishShown("operator");
        Files.write(SHOTS.resolve("operator-screen.png"), browser.getScreenshotAs(OutputType.BYTES));
        stop(campaign);

        browser.findElement(ring).findElement(By.className("op-ring-accept")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("op-task-title"), caseNumber));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("op-ringing")));
        assertThat(browser.findElement(By.id("op-message")).getText()).isEqualTo("已接听：" + caseNumber);
        assertThat(browser.findElement(By.id("op-task-facts")).getText()).contains("转接队列");
        assertThat(browser.findElement(By.id("op-error")).getText()).isEmpty();

        ApiClient operator = ApiClient.on(port).as("operator", "operator-pw");
        assertThat(operator.post("/api/v1/operators/me/tasks/" + task + "/disposition",
                ApiClient.json(Map.of("disposition", "REFUSED"))).status()).isEqualTo(200);
    }

    @Test
    void theBoardShowsAnOperatorsCallWithPartyCaseAndAGrowingDurationThenIdleAgain() throws Exception {
        open("board", "supervisor", "supervisor-pw");
        wait.until(ExpectedConditions.attributeToBe(By.id("bd-connection"), "data-state", "open"));
        ApiClient operator = ApiClient.on(port).as("operator2", "operator2-pw");
        assertThat(operator.post("/api/v1/operators/me/session", ApiClient.json(Map.of("endpoint", "PJSIP/agent101")))
                .status()).isEqualTo(201);
        By row = By.cssSelector("#bd-operators tr[data-operator='operator2']");
        By call = By.cssSelector("#bd-operators tr[data-operator='operator2'] td.operator-call");
        wait.until(ExpectedConditions.attributeToBe(call, "data-state", "IDLE"));
        // Asterisk's "Not in use", in words, with the time in that state; its own word only in the tooltip
        WebElement phone = browser.findElement(By.cssSelector("#bd-operators tr[data-operator='operator2'] td.badge"));
        assertThat(phone.getText()).isEqualTo("空闲");
        assertThat(phone.getDomAttribute("title")).isEqualTo("交换机原文：Not in use");
        assertThat(browser.findElement(row).getText()).doesNotContain("Not in use").doesNotContain("Reachable")
                .contains("空闲").matches("(?s).*\\d+:\\d{2}.*");

        String caseNumber = TaskFixtures.newCaseNumber();
        Map<String, Object> request = new java.util.HashMap<>(fixtures.taskRequest(caseNumber,
                TaskFixtures.party("孙坐席", "+86 138 0000 6004")));
        request.put("priority", "URGENT");
        request.put("hearingDate", "2026-12-01"); // before every other task here: "next" takes this one
        ApiClient.Response created = fixtures.clerk.post("/api/v1/tasks", ApiClient.json(request));
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        long task = created.body().get("id").asLong();
        fixtures.review(task, "APPROVE", null);
        assertThat(operator.post("/api/v1/operators/me/next", "{}").body().get("task").get("id").asLong())
                .isEqualTo(task);
        String attempt = operator.post("/api/v1/operators/me/tasks/" + task + "/call", "{}").body()
                .get("attemptId").asString();

        wait.until(ExpectedConditions.attributeToBe(call, "data-state", "ANSWERED"));
        String shown = browser.findElement(row).getText();
        assertThat(shown).contains(caseNumber).contains("孙坐席").contains("通话中").doesNotContain(attempt);
        assertThat(browser.findElement(call).getDomAttribute("title")).contains(attempt);
        // the filter drops in-call device states (ADR 0018): the row says the phone is in use while its call is live
        By softphone = By.cssSelector("#bd-operators tr[data-operator='operator2'] td.badge");
        assertThat(browser.findElement(softphone).getDomAttribute("data-softphone")).isEqualTo("INUSE");
        assertThat(browser.findElement(softphone).getText()).isEqualTo("通话中");
        By duration = By.cssSelector("#bd-operators tr[data-operator='operator2'] .call-duration");
        int first = seconds(browser.findElement(duration).getText());
        wait.ignoring(StaleElementReferenceException.class)
                .until(driver -> seconds(driver.findElement(duration).getText()) > first);
        // the recording-ingest backlog is on the board beside the operators
        assertThat(browser.findElement(By.id("bd-backlog")).getText()).contains("待入库录音");
        assertThat(browser.findElement(By.cssSelector("#bd-backlog dt:first-of-type + dd")).getText()).isNotBlank();
        assertNoEnglishShown("board");
        Files.write(SHOTS.resolve("supervisor-board.png"), browser.getScreenshotAs(OutputType.BYTES));

        // the call ends: the operator still holds the task (no call), then lets it go and is idle again
        wait.until(ExpectedConditions.attributeToBe(call, "data-state", "HOLDING"));
        assertThat(browser.findElements(duration)).isEmpty();
        wait.until(ExpectedConditions.attributeToBe(softphone, "data-softphone", "NOT_INUSE"));
        assertThat(operator.post("/api/v1/operators/me/tasks/" + task + "/disposition",
                ApiClient.json(Map.of("disposition", "REFUSED"))).status()).isEqualTo(200);
        wait.until(ExpectedConditions.attributeToBe(call, "data-state", "IDLE"));
        assertThat(browser.findElement(row).getText()).doesNotContain(caseNumber);
        await().atMost(Duration.ofSeconds(20)).until(() -> operator.raw("DELETE", "/api/v1/operators/me/session",
                List.of(), new byte[0]).status() == 204);
        wait.until(ExpectedConditions.numberOfElementsToBe(row, 0));
    }

    @Test
    void theSupervisorSetsRingTimeoutAndAttemptsAtCreationAndEditsTheLimitsOfARunningCampaign() {
        open("board", "supervisor", "supervisor-pw");
        String name = "限额修改 " + System.nanoTime() % 100_000;
        type("cm-name", name);
        type("cm-case-type", "无此案号"); // matches no task: this campaign dials nothing
        type("cm-ring", "45");
        type("cm-attempts", "4");
        browser.findElement(By.id("cm-create")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("cm-message"), "已创建外呼活动“" + name + "”"));
        JsonNode created = campaignNamed(name);
        long id = created.get("id").asLong();
        assertThat(created.get("limits").get("maxAttemptsPerTask").asInt()).isEqualTo(4);
        assertThat(Duration.parse(created.get("limits").get("ringTimeout").asString()))
                .isEqualTo(Duration.ofSeconds(45));
        By limits = By.cssSelector("#cm-campaigns tr[data-campaign='" + id + "'] td.limits");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(limits, "振铃 45 秒 · 最多 4 次"));
        action(id, "start").click();
        By state = By.cssSelector("#cm-campaigns tr[data-campaign='" + id + "'] td[data-state]");
        wait.until(ExpectedConditions.textToBe(state, "进行中"));

        action(id, "edit").click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("cm-edit-form")));
        assertThat(browser.findElement(By.id("cm-edit-title")).getText()).contains(name);
        assertThat(browser.findElement(By.id("cm-edit-ring")).getDomProperty("value")).isEqualTo("45");
        type("cm-edit-cps", "0");
        browser.findElement(By.id("cm-edit-save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#cm-edit-form .field-error[data-field='maxCallsPerSecond']"), "有误："));
        assertThat(campaignNamed(name).get("limits").get("maxCallsPerSecond").asDouble()).as("unchanged")
                .isEqualTo(created.get("limits").get("maxCallsPerSecond").asDouble());

        type("cm-edit-cps", "1.5");
        type("cm-edit-max-concurrent", "7");
        type("cm-edit-attempts", "2");
        browser.findElement(By.id("cm-edit-save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("cm-message"), "限制已更新"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("cm-edit-form")));
        JsonNode edited = campaignNamed(name);
        assertThat(edited.get("state").asString()).isEqualTo("RUNNING");
        assertThat(edited.get("limits").get("maxCallsPerSecond").asDouble()).isEqualTo(1.5);
        assertThat(edited.get("limits").get("maxConcurrentCalls").asInt()).isEqualTo(7);
        assertThat(edited.get("limits").get("maxAttemptsPerTask").asInt()).isEqualTo(2);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(limits, "并发 7 · 每秒 1.5 次"));
        assertNoEnglishShown("board");
        stop(id);
    }

    /** A duration shown as m:ss or h:mm:ss, in seconds. */
    private static int seconds(String shown) {
        int total = 0;
        for (String part : shown.strip().split(":")) {
            total = total * 60 + Integer.parseInt(part);
        }
        return total;
    }

    private WebElement action(long campaign, String action) {
        return wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(
                "#cm-campaigns tr[data-campaign='" + campaign + "'] button[data-action='" + action + "']")));
    }

    private JsonNode campaignNamed(String name) {
        for (JsonNode campaign : fixtures.supervisor.get("/api/v1/campaigns").body()) {
            if (campaign.get("name").asString().equals(name)) {
                return campaign;
            }
        }
        throw new AssertionError("no campaign named " + name);
    }

    private void type(String id, String value) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }

    /** A campaign for this one case only (its case type filter is the case's own number), started. */
    private long startCampaign(String caseNumber) {
        ApiClient.Response created = fixtures.supervisor.post("/api/v1/campaigns", ApiClient.json(Map.ofEntries(
                Map.entry("name", "看板-" + System.nanoTime()), Map.entry("court", "NMG0303"),
                Map.entry("caseType", caseNumber.substring(caseNumber.indexOf('民'))),
                Map.entry("ringTimeout", "PT10S"), Map.entry("callingFrom", "00:00"),
                Map.entry("callingUntil", "23:59:59"), Map.entry("callOnWeekends", true),
                Map.entry("maxAttemptsPerTask", 1))));
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        long id = created.body().get("id").asLong();
        assertThat(fixtures.supervisor.post("/api/v1/campaigns/" + id + "/start", "{}").status()).isEqualTo(200);
        return id;
    }

    private void stop(long campaign) {
        fixtures.supervisor.post("/api/v1/campaigns/" + campaign + "/stop", "{}");
    }

    private long approvedTask(String caseNumber, String name, String phone) {
        ApiClient.Response created = fixtures.clerk.post("/api/v1/tasks", ApiClient.json(fixtures.taskRequest(
                caseNumber, TaskFixtures.party(name, phone))));
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        long id = created.body().get("id").asLong();
        fixtures.review(id, "APPROVE", null);
        return id;
    }

    /** Opens the console on a screen, signed out, then signs in through the form. */
    private void open(String screen, String user, String password) {
        HeadlessChromium.signIn(browser, wait, port, screen, user, password);
    }

    /**
     * No visible text outside data values (marked translate="no") has an ASCII word, but for the product's name and
     * technical abbreviations (as ConsoleBrowserIntegrationTests checks the other screens).
     */
    private void assertNoEnglishShown(String screen) {
        assertThat(HeadlessChromium.englishShown(browser)).as("English shown on the %s screen", screen).isEmpty();
    }
}
