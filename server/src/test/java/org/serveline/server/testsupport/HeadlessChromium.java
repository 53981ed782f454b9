package org.serveline.server.testsupport;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

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
     * After the console's sign-in form: an {@code <audio>} element fetches its source itself, with the browser's own
     * credentials for the origin (the session cookie once sign-in makes one). While the console keeps HTTP Basic
     * credentials in its script instead (no cookie), this gives the browser those credentials for every request, as
     * a browser that had been asked for them would send them. With a session cookie it does nothing. Call
     * {@link #forgetBasic} before the next sign-in.
     */
    public static void sendBasicUntilSessionCookie(ChromeDriver browser, String user, String password) {
        if (browser.manage().getCookies().isEmpty()) {
            String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            browser.executeCdpCommand("Network.enable", Map.of());
            browser.executeCdpCommand("Network.setExtraHTTPHeaders",
                    Map.of("headers", Map.of("Authorization", "Basic " + basic)));
        }
    }

    /** Undoes {@link #sendBasicUntilSessionCookie}: the browser's requests carry no credentials of their own. */
    public static void forgetBasic(ChromeDriver browser) {
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of()));
    }
}
