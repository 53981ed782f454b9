package org.serveline.telephony.agi;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Where the FastAGI server listens, what URL it tells the PBX to call back on, and who may call.
 *
 * @param bindAddress    local address to listen on
 * @param port           local port (0 picks a free one, for tests)
 * @param advertisedUrl  base URL the PBX is given in {@code SERVELINE_AGI_URL}, e.g. {@code agi://10.0.0.5:4573};
 *                       it differs from the bind address behind NAT or when binding 0.0.0.0
 * @param allowedPeers   PBX addresses allowed to connect; any other peer is closed before a byte is read
 * @param requestTimeout how long a new connection may take to send its whole agi_ environment block
 * @param replyTimeout   how long one command may take to be answered, the longest prompt included
 */
public record FastAgiConfig(InetAddress bindAddress, int port, URI advertisedUrl, Set<InetAddress> allowedPeers,
        Duration requestTimeout, Duration replyTimeout) {

    public static final int DEFAULT_PORT = 4573;

    public FastAgiConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(advertisedUrl, "advertisedUrl");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(replyTimeout, "replyTimeout");
        allowedPeers = Set.copyOf(allowedPeers);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("FastAGI port out of range: " + port);
        }
        if (!"agi".equals(advertisedUrl.getScheme()) || advertisedUrl.getHost() == null) {
            throw new IllegalArgumentException("FastAGI advertised URL must look like agi://host:port, got " + advertisedUrl);
        }
        if (allowedPeers.isEmpty()) {
            throw new IllegalArgumentException("FastAGI needs at least one allowed PBX address");
        }
        requirePositive(requestTimeout, "requestTimeout");
        requirePositive(replyTimeout, "replyTimeout");
    }

    private static void requirePositive(Duration value, String name) {
        if (value.isNegative() || value.isZero() || value.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("FastAGI " + name + " must be between 1 ms and 24 days, got " + value);
        }
    }

    /** The AGI URL of one application on this node, e.g. {@code agi://10.0.0.5:4573/notice}. */
    public String applicationUrl(String scriptPath) {
        String base = advertisedUrl.toString();
        return (base.endsWith("/") ? base : base + "/") + scriptPath;
    }
}
