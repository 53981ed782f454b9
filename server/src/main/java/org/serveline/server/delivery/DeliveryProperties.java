package org.serveline.server.delivery;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Electronic service ({@code serveline.delivery}): the outbox worker, the SMPP gateway, e-mail and the rule that fixes
 * the service date. Documented in {@code config/application-sample.yml}.
 *
 * @param enabled whether this node runs the outbox worker (rows are written either way)
 * @param serviceDateRule {@code GATEWAY}: the SMSC's DELIVRD done date or the mail server's acceptance;
 *        {@code PORTAL_FIRST_OPEN}: the party's first portal open after a delivery
 * @param tick how often the worker looks for due messages
 * @param batch at most this many messages claimed at once
 * @param lease how long a claim holds before another node may take the message over
 * @param retryMin first retry delay after a transient failure (doubled each time, up to {@code retryMax})
 * @param maxAttempts transient failures after which a message is given up (FAILED)
 * @param receiptTimeout an SMS accepted by the SMSC without a final receipt after this long counts as failed
 */
@ConfigurationProperties("serveline.delivery")
public record DeliveryProperties(boolean enabled, ServiceDateRule serviceDateRule, Duration tick, int batch,
        Duration lease, Duration retryMin, Duration retryMax, int maxAttempts, Duration receiptTimeout, Sms sms,
        Mail mail) {

    public DeliveryProperties {
        serviceDateRule = serviceDateRule == null ? ServiceDateRule.GATEWAY : serviceDateRule;
        tick = tick == null ? Duration.ofMillis(200) : tick;
        batch = batch <= 0 ? 200 : batch;
        lease = lease == null ? Duration.ofMinutes(2) : lease;
        retryMin = retryMin == null ? Duration.ofSeconds(5) : retryMin;
        retryMax = retryMax == null ? Duration.ofMinutes(10) : retryMax;
        maxAttempts = maxAttempts <= 0 ? 50 : maxAttempts;
        receiptTimeout = receiptTimeout == null ? Duration.ofDays(2) : receiptTimeout;
        sms = sms == null ? new Sms(false, null, 0, null, null, null, null, 0, null, null, null, null, null, null)
                : sms;
        mail = mail == null ? new Mail(false, null, null) : mail;
    }

    /** Which event fixes the service date (CPL Art. 90). */
    public enum ServiceDateRule {
        GATEWAY, PORTAL_FIRST_OPEN
    }

    /**
     * The SMPP gateway (SMSC).
     *
     * @param builtIn run a loopback SMSC inside the server (the demo) and bind to it
     * @param host the SMSC's host; none (and not built in): SMS messages wait in the outbox
     * @param window submits outstanding at once (sent, not yet answered)
     * @param smscTimeZone the zone of the SMSC's receipt dates ("done date" carries none)
     * @param flashCourts courts whose parties first get a flash SMS (message class 0), then the normal one
     */
    public record Sms(boolean builtIn, String host, int port, String systemId, String password, String systemType,
            String sourceAddress, int window, Duration enquireLink, Duration responseTimeout, Duration reconnectMin,
            Duration reconnectMax, ZoneId smscTimeZone, List<String> flashCourts) {

        public Sms {
            systemId = systemId == null ? "serveline" : systemId;
            password = password == null ? "" : password;
            systemType = systemType == null ? "" : systemType;
            sourceAddress = sourceAddress == null ? "12368" : sourceAddress;
            window = window <= 0 ? 20 : window;
            enquireLink = enquireLink == null ? Duration.ofSeconds(30) : enquireLink;
            responseTimeout = responseTimeout == null ? Duration.ofSeconds(10) : responseTimeout;
            reconnectMin = reconnectMin == null ? Duration.ofSeconds(1) : reconnectMin;
            reconnectMax = reconnectMax == null ? Duration.ofMinutes(1) : reconnectMax;
            smscTimeZone = smscTimeZone == null ? ZoneId.of("UTC") : smscTimeZone;
            flashCourts = flashCourts == null ? List.of() : List.copyOf(flashCourts);
        }

        public boolean configured() {
            return builtIn || (host != null && !host.isBlank());
        }
    }

    /**
     * E-mail. The SMTP server is Spring Boot's {@code spring.mail.*}; {@code builtIn} runs a loopback GreenMail
     * server inside the server instead (the demo).
     */
    public record Mail(boolean builtIn, String from, String subjectPrefix) {

        public Mail {
            from = from == null ? "serveline@localhost" : from;
            subjectPrefix = subjectPrefix == null ? "法院电子送达" : subjectPrefix;
        }
    }
}
