package org.serveline.telephony.ami;

/** Root of the unchecked exceptions of the AMI side. */
public class AmiException extends RuntimeException {

    public AmiException(String message) {
        super(message);
    }

    public AmiException(String message, Throwable cause) {
        super(message, cause);
    }
}
