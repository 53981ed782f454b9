package org.serveline.server.receipt;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Receipts (送达回证), {@code serveline.receipts}; documented in {@code config/application-sample.yml}.
 *
 * @param root where receipt PDFs are stored, content-addressed ({@code root/ab/cd/<sha256>})
 * @param font the TrueType collection (or font) embedded as a subset; the CJK font {@code scripts/env.sh} installs
 * @param fontName the font's PostScript name inside the collection
 * @param verifyBaseUrl the public address parties and judges reach; the QR code holds {@code <this>/verify/<code>}
 * @param sweepInterval how often served tasks without a receipt are looked for (a node that died mid-issue, a
 *     receipt whose recording wait ran out)
 * @param recordingWait how long after SERVED a receipt waits for the consent call's recording to be stored, so
 *     that it can cite its SHA-256 (it is issued as soon as the recording is stored); after that the sweep issues it
 *     saying the recording is not stored yet
 * @param evidencePrefixes audit actions of the task with these prefixes are printed in the channel evidence section
 * @param workers how many receipts one node renders at once after SERVED (each holds a font and a database
 *     connection while it renders; a burst of SERVED tasks queues behind them)
 */
@ConfigurationProperties("serveline.receipts")
public record ReceiptProperties(Path root, Path font, String fontName, URI verifyBaseUrl, Duration sweepInterval,
        Duration recordingWait, List<String> evidencePrefixes, Integer workers) {

    public ReceiptProperties {
        root = root == null ? Path.of(System.getProperty("java.io.tmpdir"), "serveline", "receipts") : root;
        font = font == null ? Path.of("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc") : font;
        fontName = fontName == null || fontName.isBlank() ? "WenQuanYiZenHei" : fontName;
        verifyBaseUrl = verifyBaseUrl == null ? URI.create("http://localhost:8080") : verifyBaseUrl;
        sweepInterval = sweepInterval == null ? Duration.ofMinutes(1) : sweepInterval;
        recordingWait = recordingWait == null ? Duration.ofMinutes(10) : recordingWait;
        evidencePrefixes = evidencePrefixes == null || evidencePrefixes.isEmpty()
                ? List.of("PORTAL_", "POSTAL_", "FIELD_", "PUBLIC_NOTICE_", "LOOKUP_", "DELIVERY_")
                : List.copyOf(evidencePrefixes);
        workers = workers == null || workers < 1 ? 2 : workers;
    }

    /** The public verification address of a code. */
    public String verifyUrl(String code) {
        String base = verifyBaseUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/verify/" + code;
    }
}
