package org.serveline.server.review;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.serveline.server.security.CurrentActor;
import org.serveline.server.task.ServiceTasks;
import org.serveline.server.task.TaskId;
import org.serveline.server.task.TaskNotFoundException;
import org.serveline.server.task.TaskTrigger;
import org.serveline.server.task.TaskView;
import org.serveline.server.web.InvalidRequestException;
import org.serveline.server.web.ProblemText;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The center reviewer's decision on a submitted task: approve it, or return it to the clerk with a reason. */
@RestController
class ReviewController {

    enum Decision {
        APPROVE, RETURN
    }

    record ReviewRequest(@NotNull Decision decision, @Size(max = 500) String reason) {
    }

    private final ServiceTasks tasks;
    private final CurrentActor actor;

    ReviewController(ServiceTasks tasks, CurrentActor actor) {
        this.tasks = tasks;
        this.actor = actor;
    }

    @PostMapping("/api/v1/tasks/{id}/review")
    TaskView review(@PathVariable long id, @Valid @RequestBody ReviewRequest request) {
        if (request.decision() == Decision.RETURN && (request.reason() == null || request.reason().isBlank())) {
            throw new InvalidRequestException("reason", ProblemText.of("review.reason-required",
                    "a returned task needs a reason for the clerk"));
        }
        if (id <= 0) {
            throw new TaskNotFoundException(id);
        }
        TaskTrigger trigger = request.decision() == Decision.APPROVE ? TaskTrigger.APPROVE : TaskTrigger.RETURN;
        return TaskView.of(tasks.move(TaskId.inPath(id), trigger, actor.name(), request.reason()));
    }
}
