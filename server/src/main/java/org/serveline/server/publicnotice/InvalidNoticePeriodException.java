package org.serveline.server.publicnotice;

/** A notice period that is not a positive ISO-8601 duration of at most a year. */
public class InvalidNoticePeriodException extends RuntimeException {

    public InvalidNoticePeriodException(String message) {
        super(message);
    }
}
