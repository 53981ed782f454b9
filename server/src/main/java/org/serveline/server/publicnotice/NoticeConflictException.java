package org.serveline.server.publicnotice;

/** The request clashes with the notice as it stands (its period already runs, the task is closed). */
public class NoticeConflictException extends RuntimeException {

    public NoticeConflictException(String message) {
        super(message);
    }
}
