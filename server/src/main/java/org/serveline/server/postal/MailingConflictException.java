package org.serveline.server.postal;

/** The request clashes with the mailing as it stands: a number already entered, taken, or a replayed webhook. */
public class MailingConflictException extends PostalException {

    public MailingConflictException(String message) {
        super(message);
    }
}
