package org.serveline.telephony.agi;

/** Asterisk answered something the code did not expect (e.g. {@code 520 Invalid command}) or did not answer in time. */
public class AgiProtocolException extends AgiException {

    public AgiProtocolException(String message) {
        super(message);
    }

    public AgiProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
