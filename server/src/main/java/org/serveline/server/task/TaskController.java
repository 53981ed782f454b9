package org.serveline.server.task;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.serveline.server.security.CurrentActor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/tasks")
class TaskController {

    private final ServiceTasks tasks;
    private final TaskQueries queries;
    private final CurrentActor actor;
    private final TaskAttemptHistory attempts;

    TaskController(ServiceTasks tasks, TaskQueries queries, CurrentActor actor, TaskAttemptHistory attempts) {
        this.tasks = tasks;
        this.queries = queries;
        this.actor = actor;
        this.attempts = attempts;
    }

    @GetMapping("/{id}")
    TaskView get(@PathVariable long id) {
        ServiceTask task = tasks.get(taskId(id));
        return TaskView.of(task, attempts.attemptsOf(task.id()));
    }

    @GetMapping
    TaskPage list(@RequestParam(required = false) TaskState state, @RequestParam(required = false) String court,
            @RequestParam(required = false) String caseNumber, @RequestParam(required = false) Long batch,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
            @RequestParam(defaultValue = "newest") Order order) {
        return queries.list(new TaskQueries.Filter(state, court, caseNumber, batch), page, size, order == Order.oldest);
    }

    /** The listing's order: newest first (the default) or oldest first (?order=oldest, the review queue's). */
    enum Order {
        newest, oldest
    }

    record CancelRequest(@NotBlank @Size(max = 500) String reason) {
    }

    @PostMapping("/{id}/cancel")
    TaskView cancel(@PathVariable long id, @Valid @RequestBody CancelRequest request) {
        return TaskView.of(tasks.move(taskId(id), TaskTrigger.CANCEL, actor.name(), request.reason()));
    }

    static TaskId taskId(long id) {
        if (id <= 0) {
            throw new TaskNotFoundException(id);
        }
        return new TaskId(id);
    }
}
