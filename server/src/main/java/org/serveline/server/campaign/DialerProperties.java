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

    public DialerProperties {
        enabled = enabled == null || enabled;
        node = node == null || node.isBlank() ? defaultNode() : node;
        tick = tick == null ? Duration.ofMillis(200) : tick;
        lease = lease == null ? Duration.ofSeconds(60) : lease;
        batch = batch <= 0 ? 50 : batch;
        noticeGrace = noticeGrace == null ? Duration.ofSeconds(60) : noticeGrace;
        reconcileAfter = reconcileAfter == null ? Duration.ofMinutes(5) : reconcileAfter;
    }

    private static String defaultNode() {
        String host = System.getenv().getOrDefault("HOSTNAME", "node");
        return host + "-" + ProcessHandle.current().pid();
    }
}
