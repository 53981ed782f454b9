package org.serveline.telephony.prompt;

/** Root of the prompt rendering failures. */
public class PromptException extends RuntimeException {

    public PromptException(String message) {
        super(message);
    }

    public PromptException(String message, Throwable cause) {
        super(message, cause);
    }
}
