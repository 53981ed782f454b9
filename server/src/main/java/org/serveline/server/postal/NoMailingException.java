package org.serveline.server.postal;

import org.serveline.server.task.TaskId;

/** The task has no mailing (it never entered POSTAL). */
public class NoMailingException extends PostalException {

    public NoMailingException(TaskId task) {
        super("task " + task + " has no mailing (it has not entered the postal channel)");
    }
}
