package org.serveline.server.board.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A bounded set of open Server-Sent-Event streams. Each stream has a mailbox of one event: a new event replaces one not
 * yet sent, and each stream is written on its own virtual thread, so a slow browser gets the latest state late and
 * never holds up the others or the reader. A stream that completes, times out or fails to take an event is dropped.
 */
public final class SseFanOut {

    private static final Logger log = LoggerFactory.getLogger(SseFanOut.class);

    /**
     * One event to send: its name, its data (written as JSON), and what tells whether it changed (the data without
     * its time, say).
     */
    public record Event(String name, Object data, Object fingerprint) {

        public Event(String name, Object data) {
            this(name, data, data);
        }
    }

    /** An open stream, for {@code key} (the board, or one operator's name). */
    public final class Stream {

        private final String key;
        private final SseEmitter emitter;
        private final AtomicReference<Event> mailbox = new AtomicReference<>();
        private final AtomicBoolean sending = new AtomicBoolean();
        private volatile Object lastFingerprint;

        private Stream(String key, SseEmitter emitter) {
            this.key = key;
            this.emitter = emitter;
        }

        public String key() {
            return key;
        }

        public SseEmitter emitter() {
            return emitter;
        }

        /** Sends the event unless its fingerprint equals that of the last event this stream was sent. */
        public void offerIfChanged(Event event) {
            if (!Objects.equals(lastFingerprint, event.fingerprint())) {
                offer(event);
            }
        }

        public void offer(Event event) {
            mailbox.set(event);
            drain();
        }

        private void drain() {
            if (!sending.compareAndSet(false, true)) {
                return;
            }
            writers.execute(() -> {
                try {
                    for (Event next = mailbox.getAndSet(null); next != null; next = mailbox.getAndSet(null)) {
                        if (!write(next)) {
                            return;
                        }
                    }
                } finally {
                    sending.set(false);
                }
                if (mailbox.get() != null) {
                    drain();
                }
            });
        }

        private boolean write(Event event) {
            try {
                emitter.send(SseEmitter.event().id(Long.toString(sequence.incrementAndGet())).name(event.name())
                        .data(event.data(), MediaType.APPLICATION_JSON));
                if (!HEARTBEAT.equals(event.name())) {
                    lastFingerprint = event.fingerprint();
                }
                return true;
            } catch (IOException | RuntimeException e) {
                log.debug("stream of {} closed: {}", key, e.toString());
                drop(this);
                return false;
            }
        }
    }

    public static final String HEARTBEAT = "heartbeat";

    private final String name;
    private final int max;
    private final Duration timeout;
    private final ExecutorService writers;
    private final List<Stream> streams = new CopyOnWriteArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    private final LongFunction<SseEmitter> emitters;

    public SseFanOut(String name, int max, Duration timeout, ExecutorService writers) {
        this(name, max, timeout, writers, SseEmitter::new);
    }

    SseFanOut(String name, int max, Duration timeout, ExecutorService writers, LongFunction<SseEmitter> emitters) {
        this.name = name;
        this.max = max;
        this.timeout = timeout;
        this.writers = writers;
        this.emitters = emitters;
    }

    /** A new stream, or empty when {@code max} streams are open already. */
    public synchronized Optional<Stream> open(String key) {
        if (streams.size() >= max) {
            log.warn("{}: refusing a stream for {}: {} streams are open (the most this node serves)", name, key, max);
            return Optional.empty();
        }
        SseEmitter emitter = emitters.apply(timeout.toMillis());
        Stream stream = new Stream(key, emitter);
        emitter.onCompletion(() -> streams.remove(stream));
        emitter.onTimeout(() -> drop(stream));
        emitter.onError(failure -> drop(stream));
        streams.add(stream);
        return Optional.of(stream);
    }

    public List<Stream> streams() {
        return List.copyOf(streams);
    }

    public boolean isEmpty() {
        return streams.isEmpty();
    }

    public int size() {
        return streams.size();
    }

    /** Ends every stream (on shutdown): the browsers reconnect to a node still running. */
    public void closeAll() {
        streams.forEach(this::drop);
    }

    private void drop(Stream stream) {
        if (streams.remove(stream)) {
            complete(stream);
        }
    }

    /**
     * Ends the response unless the container already ended it: once a write failed (the browser went away), Tomcat
     * refuses the async context to any thread but its own, and its error handling completes the response itself.
     */
    private static void complete(Stream stream) {
        try {
            stream.emitter().complete();
        } catch (RuntimeException alreadyFailed) {
            log.debug("stream of {} already ended by the container: {}", stream.key(), alreadyFailed.toString());
        }
    }
}
