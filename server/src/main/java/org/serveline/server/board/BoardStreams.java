package org.serveline.server.board;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.serveline.server.board.internal.SseFanOut;
import org.serveline.server.campaign.DialerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Pushes the board and the operators' feeds (ADR 0020). While anyone watches, the board is read every
 * {@code serveline.board.refresh} on one thread of its own; a stream is sent the reading only when what it shows
 * changed, so changes are coalesced to at most one push per refresh. A new stream gets a reading at once; an idle one a
 * heartbeat every {@code serveline.board.heartbeat}. The reading comes from the shared database, so a change made on
 * any node shows on every node's streams within a refresh; link health and backlogs are this node's own.
 */
@Component
class BoardStreams implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BoardStreams.class);
    static final String BOARD = "board";
    static final String FEED = "operator";

    private final BoardReadings readings;
    private final BoardProperties properties;
    private final Clock clock;
    private final String node;
    private ExecutorService writers;
    private ScheduledExecutorService ticks;
    private SseFanOut board;
    private SseFanOut feeds;
    private volatile boolean running;
    private String lastFailure;

    BoardStreams(BoardReadings readings, BoardProperties properties, DialerProperties dialer, Clock clock) {
        this.readings = readings;
        this.properties = properties;
        this.clock = clock;
        this.node = dialer.node();
    }

    @Override
    public synchronized void start() {
        writers = Executors.newVirtualThreadPerTaskExecutor();
        board = new SseFanOut("board", properties.maxSubscribers(), properties.streamTimeout(), writers);
        feeds = new SseFanOut("operator feeds", properties.maxOperatorSubscribers(), properties.streamTimeout(),
                writers);
        ticks = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("board-push").daemon().factory());
        ticks.scheduleWithFixedDelay(this::tick, properties.refresh().toMillis(), properties.refresh().toMillis(),
                TimeUnit.MILLISECONDS);
        ticks.scheduleWithFixedDelay(this::heartbeat, properties.heartbeat().toMillis(),
                properties.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
        running = true;
    }

    /** A board stream, sent a reading at once; empty when this node serves the most it may. */
    Optional<SseFanOut.Stream> watchBoard(String user) {
        return open(board, user);
    }

    /** An operator's own feed, sent at once; empty when this node serves the most it may. */
    Optional<SseFanOut.Stream> watchFeed(String username) {
        return open(feeds, username);
    }

    /** The board as it is now, read on the caller's thread. */
    Board.Pushed board() {
        return pushed(readings.read().board());
    }

    private Optional<SseFanOut.Stream> open(SseFanOut fanOut, String key) {
        if (!running) {
            return Optional.empty();
        }
        Optional<SseFanOut.Stream> stream = fanOut.open(key);
        stream.ifPresent(opened -> ticks.execute(this::tick));
        return stream;
    }

    /** Reads once for every stream; each stream is offered what it shows and sent it only when that changed. */
    private void tick() {
        if (board.isEmpty() && feeds.isEmpty()) {
            return;
        }
        try {
            BoardReadings.Reading reading = readings.read();
            Board.Pushed pushed = pushed(reading.board());
            for (SseFanOut.Stream stream : board.streams()) {
                stream.offerIfChanged(new SseFanOut.Event(BOARD, pushed, reading.board()));
            }
            for (SseFanOut.Stream stream : feeds.streams()) {
                stream.offerIfChanged(new SseFanOut.Event(FEED, BoardReadings.feed(stream.key(), reading)));
            }
            lastFailure = null;
        } catch (RuntimeException e) {
            // told once per kind of failure, not every refresh while it lasts (a database fail-over, say)
            if (!e.toString().equals(lastFailure)) {
                log.warn("could not read the board: {}", e.toString());
            }
            lastFailure = e.toString();
        }
    }

    private void heartbeat() {
        Map<String, String> beat = Map.of("node", node, "at", clock.instant().toString());
        for (SseFanOut fanOut : new SseFanOut[] {board, feeds}) {
            fanOut.streams().forEach(stream -> stream.offer(new SseFanOut.Event(SseFanOut.HEARTBEAT, beat)));
        }
    }

    private Board.Pushed pushed(Board content) {
        return new Board.Pushed(node, clock.instant(), content);
    }

    int streams() {
        return board.size() + feeds.size();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (ticks != null) {
            ticks.shutdownNow();
        }
        if (board != null) {
            board.closeAll();
            feeds.closeAll();
        }
        if (writers != null) {
            writers.shutdown();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
