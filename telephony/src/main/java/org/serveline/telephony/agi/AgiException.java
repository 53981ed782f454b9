package org.serveline.telephony.agi;

/** Root of the FastAGI failures; unchecked because an AGI application can do nothing useful but end. */
public class AgiException extends RuntimeException {

    public AgiException(String message) {
        super(message);
    }

    public AgiException(String message, Throwable cause) {
        super(message, cause);
    }
}
