package org.serveline.telephony.ami;

/**
 * The Originate was written but no response came in time: the call may or may not exist. Do not dial again;
 * reconcile with {@link PbxLink#liveAttempts()}.
 */
public class OriginateUnconfirmedException extends AmiException {

    public OriginateUnconfirmedException(String message, Throwable cause) {
        super(message, cause);
    }
}
