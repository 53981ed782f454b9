package org.serveline.server.review;

import org.serveline.server.security.CurrentActor;
import org.serveline.server.task.ServiceTasks;
import org.serveline.server.task.TaskId;
import org.serveline.server.task.TaskNotFoundException;
import org.serveline.server.task.TaskTrigger;
import org.serveline.server.task.TaskView;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The clerk sends a returned task back for review once the reviewer's point is addressed. */
@RestController
class ResubmitController {

    private final ServiceTasks tasks;
    private final CurrentActor actor;

    ResubmitController(ServiceTasks tasks, CurrentActor actor) {
        this.tasks = tasks;
        this.actor = actor;
    }

    @PostMapping("/api/v1/tasks/{id}/resubmit")
    TaskView resubmit(@PathVariable long id) {
        if (id <= 0) {
            throw new TaskNotFoundException(id);
        }
        return TaskView.of(tasks.move(TaskId.inPath(id), TaskTrigger.RESUBMIT, actor.name(), null));
    }
}
