package org.serveline.server.postal.carrier;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.serveline.server.postal.CarrierUnavailableException;
import org.serveline.server.postal.PostalCarrier;
import org.serveline.server.postal.TrackingEvent;
import org.serveline.server.postal.TrackingNumber;
import org.serveline.server.postal.UnknownTrackingNumberException;

/**
 * The carrier's JSON-over-HTTP tracking API (ADR 0011): {@code POST /v1/items} books, {@code GET
 * /v1/items/{number}/events} tracks, webhooks are signed with HMAC-SHA256. Every call is bounded by a time-out;
 * a time-out, an error status or a body that is not the API's is a {@link CarrierUnavailableException}.
 */
public final class HttpPostalCarrier implements PostalCarrier {

    private final HttpClient http;
    private final URI base;
    private final String apiKey;
    private final Duration timeout;
    private final WebhookSignature signature;

    public HttpPostalCarrier(URI base, String apiKey, Duration timeout, WebhookSignature signature) {
        this.base = URI.create(base.toString().endsWith("/") ? base.toString() : base + "/");
        this.apiKey = apiKey;
        this.timeout = timeout;
        this.signature = signature;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public TrackingNumber book(BookingRequest request) {
        byte[] body = CarrierJson.write(Map.of("reference", request.reference(),
                "recipient", Map.of("name", request.recipient(), "address", request.address()),
                "sender", request.sender(), "documents", request.documents()));
        HttpResponse<byte[]> response = send(request("v1/items").header("Content-Type", "application/json")
                .header("Idempotency-Key", request.reference()).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        if (response.statusCode() != 200 && response.statusCode() != 201) {
            throw new CarrierUnavailableException("booking answered HTTP " + response.statusCode());
        }
        return CarrierJson.booked(response.body());
    }

    @Override
    public List<TrackingEvent> track(TrackingNumber number) {
        HttpResponse<byte[]> response = send(request("v1/items/" + number.value() + "/events").GET());
        if (response.statusCode() == 404) {
            throw new UnknownTrackingNumberException(number);
        }
        if (response.statusCode() != 200) {
            throw new CarrierUnavailableException("tracking " + number + " answered HTTP " + response.statusCode());
        }
        return CarrierJson.events(response.body(), number);
    }

    @Override
    public WebhookDelivery verify(WebhookCall call) {
        var sent = signature.verify(call);
        var entry = CarrierJson.webhook(call.body());
        return new WebhookDelivery(call.deliveryId(), sent, entry.getKey(), entry.getValue());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                .header("Accept", "application/json");
        if (apiKey != null && !apiKey.isBlank()) {
            builder.header("Authorization", "Bearer " + apiKey);
        }
        return builder;
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new CarrierUnavailableException("the carrier did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CarrierUnavailableException("interrupted while waiting for the carrier", e);
        }
    }
}
