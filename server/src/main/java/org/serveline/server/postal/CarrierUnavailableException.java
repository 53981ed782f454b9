package org.serveline.server.postal;

/**
 * The carrier did not answer usefully: a time-out, a refused connection, a server error or a body that is not
 * what its API promises. Nothing is decided on it; the mailing is tried again later.
 */
public class CarrierUnavailableException extends PostalException {

    public CarrierUnavailableException(String message) {
        super(message);
    }

    public CarrierUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
