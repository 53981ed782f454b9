package org.serveline.server.task;

import org.serveline.server.web.NotFoundException;
import org.serveline.server.web.ProblemText;

/** No task has the id asked for. The API answers it with 404. */
public class TaskNotFoundException extends NotFoundException {

    public TaskNotFoundException(TaskId id) {
        this(id.value());
    }

    public TaskNotFoundException(long id) {
        super(ProblemText.of("task.not-found", "no service task with id " + id, id));
    }
}
