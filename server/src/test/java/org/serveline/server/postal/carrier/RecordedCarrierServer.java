package org.serveline.server.postal.carrier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.serveline.server.postal.TrackingNumber;

/**
 * The carrier's tracking API played back from recordings ({@code src/test/resources/postal/recorded}) by a real
 * HTTP server on 127.0.0.1 and a free port. Per tracking number it can also hang (until closed: the client's
 * time-out fires first), answer garbage, or fail with a status.
 */
public final class RecordedCarrierServer implements AutoCloseable {

    public static final String API_KEY = "recorded-api-key";

    private enum Behaviour { HANG, GARBAGE, ERROR }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, byte[]> recordings = new ConcurrentHashMap<>();
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final Map<String, TrackingNumber> bookings = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicLong serial = new AtomicLong(60_000_000 + System.nanoTime() % 1_000_000);

    public RecordedCarrierServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/v1/items", this::handle);
        server.start();
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** A recording with its placeholder replaced by {@code number}. */
    public static byte[] recording(String name, TrackingNumber number) {
        try (InputStream in = RecordedCarrierServer.class.getResourceAsStream("/postal/recorded/" + name)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.replace("{trackingNumber}", number.value()).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** From now on, tracking {@code number} answers the recording {@code name} (e.g. "signed-by-party.json"). */
    public RecordedCarrierServer serve(TrackingNumber number, String name) {
        recordings.put(number.value(), recording(name, number));
        behaviours.remove(number.value());
        return this;
    }

    /** Tracking {@code number} answers exactly these bytes. */
    public RecordedCarrierServer serveBody(TrackingNumber number, byte[] body) {
        recordings.put(number.value(), body);
        behaviours.remove(number.value());
        return this;
    }

    public void hang(TrackingNumber number) {
        behaviours.put(number.value(), Behaviour.HANG);
    }

    public void garbage(TrackingNumber number) {
        behaviours.put(number.value(), Behaviour.GARBAGE);
    }

    public void error(TrackingNumber number) {
        behaviours.put(number.value(), Behaviour.ERROR);
    }

    /** How many tracking requests for {@code number} arrived. */
    public int requests(TrackingNumber number) {
        return requests.getOrDefault(number.value(), new AtomicInteger()).get();
    }

    /** The number booked under an idempotency key, if any. */
    public TrackingNumber booked(String reference) {
        return bookings.get(reference);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!("Bearer " + API_KEY).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 401, "{\"error\":\"unauthorized\"}".getBytes(StandardCharsets.UTF_8), "application/json");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if ("POST".equals(exchange.getRequestMethod()) && path.equals("/v1/items")) {
                exchange.getRequestBody().readAllBytes();
                String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
                TrackingNumber number = bookings.computeIfAbsent(key, k -> {
                    TrackingNumber fresh = TrackingNumber.of("EA", serial.incrementAndGet(), "CN");
                    serve(fresh, "accepted.json");
                    return fresh;
                });
                send(exchange, 201, recording("booking.json", number), "application/json");
                return;
            }
            String[] parts = path.split("/");
            if (!"GET".equals(exchange.getRequestMethod()) || parts.length != 5 || !parts[4].equals("events")) {
                send(exchange, 404, "{\"error\":\"no such resource\"}".getBytes(StandardCharsets.UTF_8), "application/json");
                return;
            }
            String number = parts[3];
            requests.computeIfAbsent(number, n -> new AtomicInteger()).incrementAndGet();
            Behaviour behaviour = behaviours.get(number);
            if (behaviour == Behaviour.HANG) {
                closing.await(60, TimeUnit.SECONDS);
                send(exchange, 503, new byte[0], "application/json");
            } else if (behaviour == Behaviour.GARBAGE) {
                send(exchange, 200, recording("garbage.html", new TrackingNumber(number)), "text/html");
            } else if (behaviour == Behaviour.ERROR) {
                send(exchange, 500, "{\"error\":\"internal\"}".getBytes(StandardCharsets.UTF_8), "application/json");
            } else if (recordings.containsKey(number)) {
                send(exchange, 200, recordings.get(number), "application/json");
            } else {
                send(exchange, 404, "{\"error\":\"unknown item\"}".getBytes(StandardCharsets.UTF_8), "application/json");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client gave up (time-out) and closed the connection
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body, String type) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
