package org.serveline.server.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for the API, as the case-management system would call it. */
public final class ApiClient {

    public record Response(int status, String contentType, JsonNode body, java.net.http.HttpHeaders headers) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String authorization;
    private final String language;

    private ApiClient(String base, String authorization, String language) {
        this.base = base;
        this.authorization = authorization;
        this.language = language;
    }

    public static ApiClient on(int port) {
        return new ApiClient("http://127.0.0.1:" + port, null, null);
    }

    public ApiClient as(String user, String password) {
        return new ApiClient(base, "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)), language);
    }

    /** This client asking for answers in a language ({@code Accept-Language}), as the console does. */
    public ApiClient inLanguage(String acceptLanguage) {
        return new ApiClient(base, authorization, acceptLanguage);
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response post(String path, String json) {
        return post(path, json, null);
    }

    public Response post(String path, String json, String idempotencyKey) {
        HttpRequest.Builder builder = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (idempotencyKey != null) {
            builder.header("Idempotency-Key", idempotencyKey);
        }
        return send(builder);
    }

    /** A POST of a body that is not JSON (e.g. {@code text/csv; charset=UTF-8}). */
    public Response postText(String path, String contentType, String body) {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Response put(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response patch(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response upload(String fileName, byte[] content) {
        String boundary = "serveline-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
        body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(request("/api/v1/documents").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    /**
     * Sends a request exactly as given (method, raw request target, headers, body bytes) over a plain socket with
     * this client's credentials, for tests that send what a well-behaved client would refuse to build.
     */
    public RawHttp.Response raw(String method, String target, java.util.List<RawHttp.Header> headers, byte[] body)
            throws IOException {
        java.util.List<RawHttp.Header> all = new java.util.ArrayList<>(headers);
        if (authorization != null) {
            all.add(0, new RawHttp.Header("Authorization", authorization));
        }
        return RawHttp.exchange(URI.create(base).getPort(), method, target, all, body, Duration.ofSeconds(30));
    }

    public static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        if (language != null) {
            builder.header("Accept-Language", language);
        }
        return builder;
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String type = response.headers().firstValue("Content-Type").orElse("");
            JsonNode body = response.body().isEmpty() ? null : JSON.readTree(response.body());
            return new Response(response.statusCode(), type, body, response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
