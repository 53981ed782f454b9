package org.serveline.server.campaign;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The dialer on this node ({@code serveline.dialer}): its name (written on every attempt it places), how often
 * it looks for work, how long it holds a claimed task, how many it takes per look, and when unsettled
 * attempts are reconciled with the PBX.
 */
@ConfigurationProperties("serveline.dialer")
public record DialerProperties(Boolean enabled, String node, Duration tick, Duration lease, int batch,
        Duration noticeGrace, Duration reconcileAfter) {

    /** The most tasks one tick may claim and decide together. */
    public static final int MAX_BATCH = 1_000;

    public DialerProperties {
        enabled = enabled == null || enabled;
        node = node == null || node.isBlank() ? defaultNode() : node;
        tick = tick == null ? Duration.ofMillis(200) : tick;
        lease = lease == null ? Duration.ofSeconds(60) : lease;
        batch = batch <= 0 ? 50 : batch;
        if (batch > MAX_BATCH) {
            // a batch is decided with multi-row statements; MariaDB takes at most 65,535 parameters in one
            throw new IllegalArgumentException("serveline.dialer.batch must be at most " + MAX_BATCH + ", was " + batch);
        }
        noticeGrace = noticeGrace == null ? Duration.ofSeconds(60) : noticeGrace;
        reconcileAfter = reconcileAfter == null ? Duration.ofMinutes(5) : reconcileAfter;
    }

    private static String defaultNode() {
        String host = System.getenv().getOrDefault("HOSTNAME", "node");
        return host + "-" + ProcessHandle.current().pid();
    }
}
