package org.serveline.server.call;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the PBX's and the notice's reports are settled ({@code serveline.settle}): gathered and applied in one
 * transaction per batch, at least every {@code tick}, at once when {@code batch} are waiting.
 */
@ConfigurationProperties("serveline.settle")
public record SettleProperties(Duration tick, int batch) {

    /** The most events one transaction applies: its attempts are written with one multi-row statement. */
    public static final int MAX_BATCH = 1_000;

    public SettleProperties {
        tick = tick == null ? Duration.ofMillis(50) : tick;
        batch = batch <= 0 ? 200 : batch;
        if (tick.isNegative() || tick.isZero()) {
            throw new IllegalArgumentException("serveline.settle.tick must be positive, was " + tick);
        }
        if (batch > MAX_BATCH) {
            throw new IllegalArgumentException("serveline.settle.batch must be at most " + MAX_BATCH + ", was " + batch);
        }
    }
}
