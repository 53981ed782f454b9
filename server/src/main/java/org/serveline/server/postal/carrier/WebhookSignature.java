package org.serveline.server.postal.carrier;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.serveline.server.postal.PostalCarrier.WebhookCall;
import org.serveline.server.postal.WebhookRejectedException;

/**
 * The carrier's webhook signature (ADR 0011): {@code sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>},
 * the timestamp in epoch seconds and within a window of now. Replays inside the window are caught by the delivery
 * id, which the server stores.
 */
public final class WebhookSignature {

    private final byte[] secret;
    private final Duration window;
    private final Clock clock;

    public WebhookSignature(String secret, Duration window, Clock clock) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("a webhook secret is required");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.window = window;
        this.clock = clock;
    }

    /** The header value a carrier sends for this body at this time. */
    public String sign(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** When the carrier sent the call; throws unless the signature matches and the time is within the window. */
    public Instant verify(WebhookCall call) {
        if (call.timestamp() == null || call.signature() == null || call.deliveryId() == null
                || call.deliveryId().isBlank()) {
            throw new WebhookRejectedException("the webhook lacks its timestamp, delivery id or signature header");
        }
        long seconds;
        try {
            seconds = Long.parseLong(call.timestamp().strip());
        } catch (NumberFormatException e) {
            throw new WebhookRejectedException("the webhook timestamp '" + call.timestamp() + "' is not epoch seconds");
        }
        byte[] expected = sign(call.timestamp().strip(), call.body()).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, call.signature().strip().getBytes(StandardCharsets.US_ASCII))) {
            throw new WebhookRejectedException("the webhook signature does not match");
        }
        Instant sent = Instant.ofEpochSecond(seconds);
        Duration age = Duration.between(sent, clock.instant()).abs();
        if (age.compareTo(window) > 0) {
            throw new WebhookRejectedException("the webhook was sent at " + sent + ", outside the window of "
                    + window + " around now (a replay?)");
        }
        return sent;
    }
}
