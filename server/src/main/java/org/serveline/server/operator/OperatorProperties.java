package org.serveline.server.operator;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Operators with softphones ({@code serveline.operators}): how long a taken task stays leased to its operator,
 * how long the operator's phone rings, which trunk of the operator's PBX reaches parties (blank: its first), how
 * long a call waits for the PBX to confirm an AMI action, the node name written on operator attempts, the region
 * for numbers and addresses typed without a country code, and how often the PBXs' contact lists are read again
 * (ContactStatus events missed while an AMI link was down are caught up then).
 */
@ConfigurationProperties("serveline.operators")
public record OperatorProperties(Duration lease, Duration ringTimeout, String trunk, Duration pbxTimeout, String node,
        String defaultRegion, Duration registrationRefresh) {

    public OperatorProperties {
        lease = lease == null ? Duration.ofMinutes(30) : lease;
        ringTimeout = ringTimeout == null ? Duration.ofSeconds(45) : ringTimeout;
        trunk = trunk == null || trunk.isBlank() ? null : trunk;
        pbxTimeout = pbxTimeout == null ? Duration.ofSeconds(10) : pbxTimeout;
        node = node == null || node.isBlank() ? System.getenv().getOrDefault("HOSTNAME", "node") + "-"
                + ProcessHandle.current().pid() : node;
        defaultRegion = defaultRegion == null ? "CN" : defaultRegion;
        registrationRefresh = registrationRefresh == null ? Duration.ofMinutes(1) : registrationRefresh;
        if (lease.isNegative() || lease.isZero() || ringTimeout.isNegative() || ringTimeout.isZero()
                || pbxTimeout.isNegative() || pbxTimeout.isZero() || registrationRefresh.isNegative()
                || registrationRefresh.isZero()) {
            throw new IllegalArgumentException("serveline.operators durations must be positive");
        }
    }
}
