package org.serveline.server.postal;

/** The carrier does not know this (well-formed) tracking number. */
public class UnknownTrackingNumberException extends PostalException {

    public UnknownTrackingNumberException(TrackingNumber number) {
        super("the carrier does not know tracking number " + number);
    }
}
