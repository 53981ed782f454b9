package org.serveline.server.postal;

/** A webhook call that is not provably the carrier's, or not fresh: bad signature, missing headers, stale time. */
public class WebhookRejectedException extends PostalException {

    public WebhookRejectedException(String message) {
        super(message);
    }
}
