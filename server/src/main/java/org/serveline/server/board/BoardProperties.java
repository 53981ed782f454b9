package org.serveline.server.board;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The live board's pushes ({@code serveline.board}): how often the board is read again while someone watches (a
 * change is pushed at most that often), how often the heavier campaign figures are, how often an idle stream gets a
 * heartbeat, how long one stream lasts before the browser reconnects, and how many streams this node serves at once.
 */
@ConfigurationProperties("serveline.board")
public record BoardProperties(Duration refresh, Duration campaignRefresh, Duration heartbeat, Duration streamTimeout,
        int maxSubscribers, int maxOperatorSubscribers) {

    public BoardProperties {
        refresh = refresh == null ? Duration.ofMillis(500) : refresh;
        campaignRefresh = campaignRefresh == null ? Duration.ofSeconds(5) : campaignRefresh;
        heartbeat = heartbeat == null ? Duration.ofSeconds(15) : heartbeat;
        streamTimeout = streamTimeout == null ? Duration.ofMinutes(30) : streamTimeout;
        maxSubscribers = maxSubscribers <= 0 ? 50 : maxSubscribers;
        maxOperatorSubscribers = maxOperatorSubscribers <= 0 ? 500 : maxOperatorSubscribers;
        for (Duration d : new Duration[] {refresh, campaignRefresh, heartbeat, streamTimeout}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("serveline.board durations must be positive, was " + d);
            }
        }
        if (refresh.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("serveline.board.refresh must be at least 100 ms, was " + refresh);
        }
    }
}
