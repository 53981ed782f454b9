package org.serveline.server.postal.internal;

import java.util.HashMap;
import java.util.Map;
import org.serveline.server.postal.Mailing;
import org.serveline.server.postal.TrackingEvent;

/** The audit action and details of a tracking event on the task's chain (POSTAL_STATUS, POSTAL_SIGNED …). */
public final class TrackingDetails {

    private TrackingDetails() {
    }

    public static String action(TrackingEvent event) {
        return switch (event) {
            case TrackingEvent.Signed s -> "POSTAL_SIGNED";
            case TrackingEvent.Returned r -> "POSTAL_RETURNED";
            case TrackingEvent.Progress p -> "POSTAL_STATUS";
        };
    }

    public static Map<String, Object> of(Mailing mailing, TrackingEvent event, String source, boolean moves) {
        Map<String, Object> details = new HashMap<>();
        details.put("mailing", mailing.id());
        details.put("trackingNumber", mailing.trackingNumber() == null ? null : mailing.trackingNumber().value());
        details.put("eventId", event.eventId());
        details.put("status", event.status().name());
        details.put("statusText", event.status().chinese());
        details.put("at", event.at().toString());
        details.put("source", source);
        details.put("applied", moves);
        if (event.location() != null) {
            details.put("location", event.location());
        }
        switch (event) {
            case TrackingEvent.Signed s -> {
                details.put("signer", s.signer());
                details.put("signerRelation", s.relation().name());
            }
            case TrackingEvent.Returned r -> details.put("returnReason", r.reason().name());
            case TrackingEvent.Progress p -> { }
        }
        return details;
    }
}
