package org.serveline.server.testsupport;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A browser test's Chromium: one headless browser per test class ({@link HeadlessChromium}), started before the class's
 * own {@code @BeforeAll} methods and quit after its tests, and a wait bounded for a loaded two-core machine. Test
 * classes run one after another in one JVM, so the fields are the running class's.
 */
public abstract class BrowserIntegrationTest {

    protected static ChromeDriver browser;
    protected static WebDriverWait wait;

    @BeforeAll
    static void startChromium() throws Exception {
        browser = HeadlessChromium.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @AfterAll
    static void quitChromium() {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
    }
}
