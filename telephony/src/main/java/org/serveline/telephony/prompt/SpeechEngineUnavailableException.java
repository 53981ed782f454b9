package org.serveline.telephony.prompt;

/** A program the speech engine needs is missing or broken; the message names the Debian package to install. */
public class SpeechEngineUnavailableException extends PromptException {

    public SpeechEngineUnavailableException(String message) {
        super(message);
    }

    public SpeechEngineUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
