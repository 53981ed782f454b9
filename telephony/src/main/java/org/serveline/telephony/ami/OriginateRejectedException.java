package org.serveline.telephony.ami;

/** The Originate was certainly not queued (link down, or Asterisk answered with an error): nothing was dialled. */
public class OriginateRejectedException extends AmiException {

    public OriginateRejectedException(String message) {
        super(message);
    }

    public OriginateRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
