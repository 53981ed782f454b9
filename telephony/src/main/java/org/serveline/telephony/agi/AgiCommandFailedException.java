package org.serveline.telephony.agi;

/**
 * Asterisk ran the command but it failed ({@code result=-1}), e.g. a prompt file it cannot open, or a channel that is
 * hanging up before Asterisk has said so. {@link AgiChannel#channelStatus()} tells the two apart.
 */
public class AgiCommandFailedException extends AgiException {

    public AgiCommandFailedException(String message) {
        super(message);
    }
}
