package org.serveline.server.postal;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The postal channel ({@code serveline.postal}), documented in {@code config/application-sample.yml}.
 *
 * @param carrier which carrier adapter: NONE (staff type tracking numbers; nothing is tracked), HTTP (the
 *        JSON-over-HTTP API of ADR 0011), DEMO (the in-memory carrier that moves items on its own)
 * @param bookWithCarrier whether the server books each new mailing with the carrier (else staff type the number)
 * @param pollInterval how long after a successful look the carrier is asked again about an open mailing
 * @param retryInitial the wait after the first failed call to the carrier; doubled per failure up to retryMax
 * @param demoStep the demo carrier's time between two statuses of an item
 * @param pdfFont the TrueType collection holding WenQuanYiZenHei, embedded (as a subset) in the cover sheet PDF
 */
@ConfigurationProperties("serveline.postal")
public record PostalProperties(CarrierKind carrier, Http http, String webhookSecret, Duration webhookWindow,
        boolean bookWithCarrier, Duration pollInterval, Duration retryInitial, Duration retryMax, Duration tick,
        Duration lease, Boolean schedulerEnabled, Duration demoStep, String sender, Path pdfFont) {

    public enum CarrierKind { NONE, HTTP, DEMO }

    /** The carrier API: where, with which key, how long to wait for an answer. */
    public record Http(URI baseUrl, String apiKey, Duration timeout) {
        public Http {
            timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        }
    }

    public PostalProperties {
        carrier = carrier == null ? CarrierKind.NONE : carrier;
        http = http == null ? new Http(null, null, null) : http;
        webhookWindow = webhookWindow == null ? Duration.ofMinutes(5) : webhookWindow;
        pollInterval = pollInterval == null ? Duration.ofHours(1) : pollInterval;
        retryInitial = retryInitial == null ? Duration.ofMinutes(1) : retryInitial;
        retryMax = retryMax == null ? Duration.ofHours(6) : retryMax;
        tick = tick == null ? Duration.ofSeconds(15) : tick;
        lease = lease == null ? Duration.ofMinutes(2) : lease;
        schedulerEnabled = schedulerEnabled == null || schedulerEnabled;
        demoStep = demoStep == null ? Duration.ofSeconds(20) : demoStep;
        pdfFont = pdfFont == null ? Path.of("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc") : pdfFont;
        if (carrier == CarrierKind.HTTP && (http.baseUrl() == null || webhookSecret == null || webhookSecret.isBlank())) {
            throw new IllegalArgumentException(
                    "serveline.postal.carrier HTTP needs serveline.postal.http.base-url and serveline.postal.webhook-secret");
        }
    }

    /** The wait before the next call after {@code failures} failed ones in a row: doubling, capped. */
    public Duration retryAfter(int failures) {
        Duration wait = retryInitial;
        for (int i = 1; i < failures && wait.compareTo(retryMax) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(retryMax) > 0 ? retryMax : wait;
    }
}
