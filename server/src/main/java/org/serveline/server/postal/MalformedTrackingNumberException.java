package org.serveline.server.postal;

/** A tracking number that is not a valid UPU S10 identifier. */
public class MalformedTrackingNumberException extends PostalException {

    public MalformedTrackingNumberException(String value, String why) {
        super("tracking number '" + value + "' " + why);
    }
}
