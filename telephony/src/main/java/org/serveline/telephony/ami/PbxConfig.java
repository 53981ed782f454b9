package org.serveline.telephony.ami;

import java.time.Duration;
import java.util.Objects;

/**
 * One PBX this node talks to over AMI.
 *
 * @param id              stable name of the PBX (used in logs, thread names and outcomes)
 * @param host            AMI host
 * @param port            AMI port (Asterisk's default is 5038)
 * @param username        manager.conf user
 * @param secret          its secret (sent as an MD5 challenge answer, never in clear)
 * @param reconnectMin    first wait after a failed or dropped connection
 * @param reconnectMax    the wait doubles after each failure up to this ceiling
 * @param responseTimeout how long an action may wait for its response
 * @param pingInterval    idle time after which a Ping checks that the PBX is still there
 */
public record PbxConfig(String id, String host, int port, String username, String secret,
                        Duration reconnectMin, Duration reconnectMax,
                        Duration responseTimeout, Duration pingInterval) {

    public static final Duration DEFAULT_RECONNECT_MIN = Duration.ofMillis(500);
    public static final Duration DEFAULT_RECONNECT_MAX = Duration.ofSeconds(30);
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(20);

    public PbxConfig {
        requireText(id, "id");
        if (!id.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("PBX id may only hold letters, digits, '.', '_' and '-': " + id);
        }
        requireText(host, "host");
        requireText(username, "username");
        Objects.requireNonNull(secret, "secret");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("AMI port out of range: " + port);
        }
        requirePositive(reconnectMin, "reconnectMin");
        requirePositive(reconnectMax, "reconnectMax");
        requirePositive(responseTimeout, "responseTimeout");
        requirePositive(pingInterval, "pingInterval");
        if (reconnectMax.compareTo(reconnectMin) < 0) {
            throw new IllegalArgumentException("reconnectMax " + reconnectMax + " < reconnectMin " + reconnectMin);
        }
    }

    /** A configuration with the default backoff (0.5 s .. 30 s), 10 s response timeout and 20 s ping. */
    public static PbxConfig of(String id, String host, int port, String username, String secret) {
        return new PbxConfig(id, host, port, username, secret, DEFAULT_RECONNECT_MIN, DEFAULT_RECONNECT_MAX,
                DEFAULT_RESPONSE_TIMEOUT, DEFAULT_PING_INTERVAL);
    }

    public PbxConfig withReconnect(Duration min, Duration max) {
        return new PbxConfig(id, host, port, username, secret, min, max, responseTimeout, pingInterval);
    }

    public PbxConfig withResponseTimeout(Duration timeout) {
        return new PbxConfig(id, host, port, username, secret, reconnectMin, reconnectMax, timeout, pingInterval);
    }

    public PbxConfig withPingInterval(Duration interval) {
        return new PbxConfig(id, host, port, username, secret, reconnectMin, reconnectMax, responseTimeout, interval);
    }

    @Override
    public String toString() {
        return "PbxConfig[id=" + id + ", " + username + "@" + host + ":" + port + ", reconnect " + reconnectMin + ".."
                + reconnectMax + "]";
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, was " + value);
        }
    }
}
