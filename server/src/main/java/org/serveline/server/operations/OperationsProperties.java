package org.serveline.server.operations;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Operations settings ({@code serveline.operations}).
 *
 * @param callSettleTimeout on shutdown, after dialling stops, how long this node waits for its live calls to end
 *                          and settle before it closes (zero: not at all); what is still live then is settled by
 *                          the reconciliation of the next node to start
 */
@ConfigurationProperties("serveline.operations")
public record OperationsProperties(Duration callSettleTimeout) {

    public OperationsProperties {
        callSettleTimeout = callSettleTimeout == null ? Duration.ofSeconds(30) : callSettleTimeout;
        if (callSettleTimeout.isNegative()) {
            throw new IllegalArgumentException("serveline.operations.call-settle-timeout must not be negative");
        }
    }
}
