package org.serveline.server.board.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The fan-out's streams when the browser has gone: Tomcat then refuses the async context to application threads (an
 * IllegalStateException from both the write and the completion), and that must drop the stream quietly, never escape
 * the writer's thread as an uncaught exception.
 */
class SseFanOutTests {

    private final List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    private final ExecutorService writers = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sse-writer-under-test");
        thread.setUncaughtExceptionHandler((t, e) -> uncaught.add(e));
        return thread;
    });

    @AfterEach
    void stopWriters() {
        writers.shutdownNow();
    }

    @Test
    void aStreamWhoseResponseTheContainerEndedIsDroppedWithoutAnUncaughtException() throws InterruptedException {
        AtomicInteger completions = new AtomicInteger();
        SseFanOut fanOut = new SseFanOut("board", 3, Duration.ofMinutes(1), writers,
                timeout -> new EndedByTheContainer(timeout, completions));
        SseFanOut.Stream stream = fanOut.open("supervisor").orElseThrow();

        stream.offer(new SseFanOut.Event("board", "reading"));
        writers.shutdown();
        assertThat(writers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        assertThat(fanOut.isEmpty()).as("the failed stream frees its place").isTrue();
        assertThat(completions).as("completing was tried once").hasValue(1);
        assertThat(uncaught).isEmpty();
    }

    @Test
    void closingAllSurvivesAStreamTheContainerEndedAndEndsTheOthers() {
        AtomicInteger completions = new AtomicInteger();
        SseFanOut fanOut = new SseFanOut("board", 3, Duration.ofMinutes(1), writers,
                timeout -> new EndedByTheContainer(timeout, completions));
        fanOut.open("a").orElseThrow();
        fanOut.open("b").orElseThrow();

        fanOut.closeAll();

        assertThat(fanOut.isEmpty()).isTrue();
        assertThat(completions).hasValue(2);
    }

    @Test
    void aFullFanOutRefusesTheNextStreamAndADroppedOneFreesItsPlace() throws InterruptedException {
        SseFanOut fanOut = new SseFanOut("board", 1, Duration.ofMinutes(1), writers,
                timeout -> new EndedByTheContainer(timeout, new AtomicInteger()));
        SseFanOut.Stream first = fanOut.open("a").orElseThrow();
        assertThat(fanOut.open("b")).isEmpty();

        first.offer(new SseFanOut.Event("board", "reading"));
        writers.shutdown();
        assertThat(writers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        assertThat(fanOut.open("b")).isPresent();
    }

    /** What Tomcat does with a response after its client went away and its error processing began. */
    private static final class EndedByTheContainer extends SseEmitter {

        private final AtomicInteger completions;

        EndedByTheContainer(long timeout, AtomicInteger completions) {
            super(timeout);
            this.completions = completions;
        }

        @Override
        public void send(SseEventBuilder builder) throws IOException {
            throw new IllegalStateException("A non-container (application) thread attempted to use the AsyncContext"
                    + " after an error had occurred");
        }

        @Override
        public void complete() {
            completions.incrementAndGet();
            throw new IllegalStateException("A non-container (application) thread attempted to use the AsyncContext"
                    + " after an error had occurred");
        }
    }
}
