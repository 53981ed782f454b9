package org.serveline.server.delivery.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Items handed over by many threads and handled by one thread in batches: whatever queued while the last batch was
 * handled (up to {@code max}) is the next batch, so a batch grows with the load; with a {@code linger}, a batch also
 * waits that long after its first item for more to come (fewer, larger transactions at a light load). Each
 * item's future completes when its batch is handled (exceptionally if the handler threw, after the items of the
 * failed batch were tried once more one by one, so one bad item does not fail its neighbours). No Spring here.
 */
public final class Batches<T> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Batches.class);

    private record Item<T>(T value, CompletableFuture<Void> done) {
    }

    private final String name;
    private final int max;
    private final long lingerNanos;
    private final Consumer<List<T>> handler;
    private final LinkedBlockingQueue<Item<T>> queue = new LinkedBlockingQueue<>();
    private volatile boolean running = true;
    private final Thread thread;

    public Batches(String name, int max, Consumer<List<T>> handler) {
        this(name, max, java.time.Duration.ZERO, handler);
    }

    public Batches(String name, int max, java.time.Duration linger, Consumer<List<T>> handler) {
        this.name = name;
        this.max = max;
        this.lingerNanos = linger.toNanos();
        this.handler = handler;
        this.thread = Thread.ofVirtual().name(name).start(this::run);
    }

    /** Queues an item; the future tells when its batch was handled. */
    public CompletableFuture<Void> add(T value) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!running) {
            done.completeExceptionally(new IllegalStateException(name + " is closed"));
            return done;
        }
        queue.add(new Item<>(value, done));
        return done;
    }

    /** Items waiting for a batch. */
    public int waiting() {
        return queue.size();
    }

    private void run() {
        List<Item<T>> batch = new ArrayList<>(max);
        while (running || !queue.isEmpty()) {
            try {
                Item<T> first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, max - 1);
                for (long until = System.nanoTime() + lingerNanos; batch.size() < max && running; ) {
                    long left = until - System.nanoTime();
                    Item<T> more = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
                    if (more == null) {
                        break;
                    }
                    batch.add(more);
                    queue.drainTo(batch, max - batch.size());
                }
                handle(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                batch.clear();
            }
        }
        Item<T> left;
        while ((left = queue.poll()) != null) {
            left.done().completeExceptionally(new IllegalStateException(name + " closed"));
        }
    }

    private void handle(List<Item<T>> batch) {
        try {
            handler.accept(batch.stream().map(Item::value).toList());
            batch.forEach(item -> item.done().complete(null));
            return;
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                batch.getFirst().done().completeExceptionally(e);
                return;
            }
            log.info("{}: a batch of {} failed ({}); handling its items one by one", name, batch.size(), e.toString());
        }
        for (Item<T> item : batch) {
            try {
                handler.accept(List.of(item.value()));
                item.done().complete(null);
            } catch (RuntimeException e) {
                item.done().completeExceptionally(e);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
