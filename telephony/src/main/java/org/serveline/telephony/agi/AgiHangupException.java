package org.serveline.telephony.agi;

/**
 * The channel is gone: Asterisk sent its {@code HANGUP} line, answered {@code 511} (command not permitted on a dead
 * channel) or closed the connection. The session ends; the application records the hang-up.
 */
public class AgiHangupException extends AgiException {

    public AgiHangupException(String message) {
        super(message);
    }
}
