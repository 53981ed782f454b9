package org.serveline.server.task;

import org.serveline.server.web.NotFoundException;

/** No task has the id asked for. The API answers it with 404. */
public class TaskNotFoundException extends NotFoundException {

    public TaskNotFoundException(TaskId id) {
        this(id.value());
    }

    public TaskNotFoundException(long id) {
        super("no service task with id " + id);
    }
}
