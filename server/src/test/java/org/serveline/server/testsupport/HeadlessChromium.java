package org.serveline.server.testsupport;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium and ChromeDriver (installed by scripts/env.sh), started headless with no network of its
 * own: nothing is downloaded at test time.
 */
public final class HeadlessChromium {

    private static final String BROWSER = "/usr/bin/chromium";
    private static final String DRIVER = "/usr/bin/chromedriver";

    private HeadlessChromium() {
    }

    public static ChromeDriver start() throws Exception {
        if (!Files.isExecutable(Path.of(BROWSER)) || !Files.isExecutable(Path.of(DRIVER))) {
            throw new IllegalStateException("Chromium is needed for the console tests: apt-get install chromium "
                    + "chromium-driver (./serveline test installs them when run as root)");
        }
        Path profile = Files.createTempDirectory("serveline-chromium");
        ChromeOptions options = new ChromeOptions().setBinary(BROWSER).addArguments("--headless=new", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /**
     * Opens the console on a screen signed out (no session cookie, nothing in the browser's storage), signs in through
     * the form and waits for that screen. The session cookie then signs every request in, the {@code <audio>}
     * element's Range requests too (ADR 0019).
     */
    public static void signIn(ChromeDriver browser, WebDriverWait wait, int port, String screen, String user,
            String password) {
        browser.get("http://127.0.0.1:" + port + "/#" + screen);
        browser.manage().deleteAllCookies();
        browser.executeScript("sessionStorage.clear(); localStorage.clear()");
        browser.navigate().refresh();
        WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-user")));
        name.clear();
        name.sendKeys(user);
        browser.findElement(By.id("login-password")).sendKeys(password);
        browser.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(screen + "-screen")));
    }
}
