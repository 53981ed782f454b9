package org.serveline.server.board;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A test's subscription to a Server-Sent-Events stream over real HTTP, as a browser's EventSource reads it: lines
 * {@code event:}, {@code data:}, a blank line ends an event. Events are collected as they come, on a virtual thread.
 */
final class EventStream implements AutoCloseable {

    /** One event: its name and its JSON data. */
    record Event(String name, JsonNode data) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    final int status;
    final String contentType;
    final String body;
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final HttpClient http;
    private final Stream<String> lines;

    private EventStream(HttpClient http, HttpResponse<Stream<String>> response) {
        this.http = http;
        this.status = response.statusCode();
        this.contentType = response.headers().firstValue("Content-Type").orElse("");
        if (status != 200) {
            this.lines = null;
            this.body = String.join("\n", response.body().toList());
            return;
        }
        this.body = null;
        this.lines = response.body();
        Thread.ofVirtual().name("sse-test-reader").start(this::read);
    }

    /** Opens {@code path} as {@code user}; a refusal is read whole (its status and problem body). */
    static EventStream open(int port, String path, String user, String password) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "text/event-stream").GET();
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return new EventStream(http, http.send(request.build(), HttpResponse.BodyHandlers.ofLines()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void read() {
        String name = "message";
        StringBuilder data = new StringBuilder();
        try {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(name, JSON.readTree(data.toString())));
                    }
                    name = "message";
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).trim());
                }
            }
        } catch (RuntimeException closed) {
            // the stream was closed by the test or the server
        }
    }

    List<Event> events() {
        return new ArrayList<>(events);
    }

    List<JsonNode> named(String name) {
        return events.stream().filter(e -> e.name().equals(name)).map(Event::data).toList();
    }

    /** Whether any event of that name so far matches. */
    boolean saw(String name, Predicate<JsonNode> test) {
        return named(name).stream().anyMatch(test);
    }

    /** The latest event of that name, or null. */
    JsonNode last(String name) {
        List<JsonNode> all = named(name);
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    @Override
    public void close() {
        if (lines != null) {
            lines.close();
        }
        http.shutdownNow();
    }
}
