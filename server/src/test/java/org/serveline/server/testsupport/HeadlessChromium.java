package org.serveline.server.testsupport;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    /**
     * The ASCII words the page shows outside data values (elements marked {@code translate="no"}) but for the product's
     * name and technical abbreviations: on a Chinese screen, each one is a label left untranslated. Options of a
     * visible {@code select} count too. Error areas ({@code role="alert"}, {@code .error}, {@code .field-error}) are
     * read whatever put their text there, the server's problem details too (ADR 0026): their words are reported even
     * inside an element marked {@code translate="no"} (a data value in an error, such as a caller's number, has none).
     */
    @SuppressWarnings("unchecked")
    public static List<String> englishShown(ChromeDriver browser) {
        return (List<String>) browser.executeScript("""
                const allowed = new Set(['Serveline', 'SIP', 'SHA', 'Opus', 'PDF', 'PNG', 'JPEG', 'OFD', 'DOCX', 'CSV',
                  'AMI', 'PBX', 'E164', 'JSON', 'ISO', 'PJSIP', 'MP']);
                const found = [];
                const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                  const el = node.parentElement;
                  if (!el || el.closest('[translate="no"], script, style, select, template')) continue;
                  if (!el.checkVisibility()) continue;
                  for (const word of node.textContent.match(/[A-Za-z]{2,}/g) || []) {
                    if (!allowed.has(word)) found.push(word + ' in <' + el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                      + '> "' + node.textContent.trim() + '"');
                  }
                }
                for (const area of document.querySelectorAll('[role="alert"], .error, .field-error')) {
                  if (!area.checkVisibility() || !area.textContent.trim()) continue;
                  const hidden = area.closest('[translate="no"]') ? [area] : [...area.querySelectorAll('[translate="no"]')];
                  for (const part of hidden) {
                    for (const word of part.textContent.match(/[A-Za-z]{2,}/g) || []) {
                      if (!allowed.has(word)) found.push(word + ' in error area <' + area.tagName.toLowerCase()
                        + (area.id ? '#' + area.id : '') + '> marked translate="no": "' + area.textContent.trim() + '"');
                    }
                  }
                }
                for (const option of document.querySelectorAll('select:not([translate="no"]) option:not([translate="no"])')) {
                  if (option.parentElement.checkVisibility() && /[A-Za-z]{2,}/.test(option.textContent)) {
                    found.push('option "' + option.textContent + '"');
                  }
                }
                return found;""");
    }
}
