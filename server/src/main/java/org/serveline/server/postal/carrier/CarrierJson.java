package org.serveline.server.postal.carrier;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.serveline.server.postal.CarrierUnavailableException;
import org.serveline.server.postal.MailingStatus;
import org.serveline.server.postal.PostalException;
import org.serveline.server.postal.ReturnReason;
import org.serveline.server.postal.SignerRelation;
import org.serveline.server.postal.TrackingEvent;
import org.serveline.server.postal.TrackingNumber;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON of the carrier API (ADR 0011): tracking events, the booking answer, the webhook body. Anything that is
 * not what the API promises is "garbage" and reported as {@link CarrierUnavailableException}: nothing is decided on it.
 */
public final class CarrierJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CarrierJson() {
    }

    /** The events of {@code GET /v1/items/{number}/events}: {@code {"trackingNumber": …, "events": [...]}}. */
    public static List<TrackingEvent> events(byte[] body, TrackingNumber expected) {
        JsonNode root = read(body);
        String number = text(root, "trackingNumber");
        if (!expected.value().equals(number)) {
            throw garbage("events for " + number + " when " + expected + " was asked");
        }
        JsonNode events = root.get("events");
        if (events == null || !events.isArray()) {
            throw garbage("no events array");
        }
        List<TrackingEvent> list = new ArrayList<>();
        events.forEach(e -> list.add(event(e)));
        return list;
    }

    /** The tracking number of a booking answer: {@code {"trackingNumber": "EA…CN"}}. */
    public static TrackingNumber booked(byte[] body) {
        return trackingNumber(text(read(body), "trackingNumber"));
    }

    /** The webhook body: {@code {"trackingNumber": …, "event": {...}}}. */
    public static Map.Entry<TrackingNumber, TrackingEvent> webhook(byte[] body) {
        JsonNode root = read(body);
        JsonNode event = root.get("event");
        if (event == null || !event.isObject()) {
            throw garbage("no event object");
        }
        return Map.entry(trackingNumber(text(root, "trackingNumber")), event(event));
    }

    public static TrackingEvent event(JsonNode node) {
        String id = text(node, "eventId");
        Instant at = instant(text(node, "at"));
        String location = node.hasNonNull("location") ? node.get("location").asString() : null;
        String code = text(node, "code");
        try {
            return switch (code) {
                case "ACCEPTED", "IN_TRANSIT", "OUT_FOR_DELIVERY" ->
                        new TrackingEvent.Progress(id, MailingStatus.valueOf(code), at, location);
                case "SIGNED" -> {
                    JsonNode signer = node.get("signer");
                    if (signer == null || !signer.isObject()) {
                        throw garbage("a SIGNED event without signer");
                    }
                    yield new TrackingEvent.Signed(id, at, location, text(signer, "name"),
                            SignerRelation.valueOf(text(signer, "relation")));
                }
                case "RETURNED" -> new TrackingEvent.Returned(id, at, location,
                        ReturnReason.valueOf(text(node, "returnReason")));
                default -> throw garbage("unknown event code '" + code + "'");
            };
        } catch (IllegalArgumentException e) {
            throw garbage("event " + id + ": " + e.getMessage());
        }
    }

    /** The API's JSON for one event (the in-memory carrier's webhooks and the tests' recordings). */
    public static Map<String, Object> json(TrackingEvent event) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("eventId", event.eventId());
        map.put("code", event.status().name());
        map.put("at", event.at().toString());
        if (event.location() != null) {
            map.put("location", event.location());
        }
        switch (event) {
            case TrackingEvent.Signed s -> map.put("signer", Map.of("name", s.signer(), "relation", s.relation().name()));
            case TrackingEvent.Returned r -> map.put("returnReason", r.reason().name());
            case TrackingEvent.Progress p -> { }
        }
        return map;
    }

    public static byte[] write(Object value) {
        return JSON.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode read(byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            if (root == null || !root.isObject()) {
                throw garbage("not a JSON object");
            }
            return root;
        } catch (JacksonException e) {
            throw garbage("not JSON: " + e.getOriginalMessage());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString() || value.asString().isBlank()) {
            throw garbage("no '" + field + "'");
        }
        return value.asString();
    }

    private static Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw garbage("'" + value + "' is not an ISO instant");
        }
    }

    private static TrackingNumber trackingNumber(String value) {
        try {
            return new TrackingNumber(value);
        } catch (PostalException e) {
            throw garbage(e.getMessage());
        }
    }

    private static CarrierUnavailableException garbage(String what) {
        return new CarrierUnavailableException("the carrier answered garbage: " + what);
    }
}
