package org.serveline.server.intake;

import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.serveline.server.security.CurrentActor;
import org.serveline.server.task.TaskView;
import org.serveline.server.web.InvalidRequestException;
import org.serveline.server.web.ProblemText;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
class IntakeController {

    private final TaskIntake intake;
    private final TaskBatches batches;
    private final CurrentActor actor;

    IntakeController(TaskIntake intake, TaskBatches batches, CurrentActor actor) {
        this.intake = intake;
        this.batches = batches;
        this.actor = actor;
    }

    @PostMapping("/tasks")
    ResponseEntity<TaskView> submit(@Valid @RequestBody TaskRequest request) {
        TaskView task = TaskView.of(intake.submit(request, actor.name()));
        return ResponseEntity.created(URI.create("/api/v1/tasks/" + task.id())).body(task);
    }

    record BatchView(long batchId, String idempotencyKey, List<TaskView> tasks) {
    }

    @PostMapping("/task-batches")
    ResponseEntity<BatchView> submitBatch(@RequestHeader(name = "Idempotency-Key", required = false) String key,
            @Valid @RequestBody BatchRequest request) {
        if (key == null || key.isBlank() || key.length() > 100) {
            throw new InvalidRequestException("Idempotency-Key", ProblemText.of("intake.key-required",
                    "the Idempotency-Key header (1 to 100 characters) is required, so that a retry creates nothing twice"));
        }
        TaskBatches.BatchResult result = batches.submit(key.strip(), request, actor.name());
        BatchView view = new BatchView(result.batchId(), result.idempotencyKey(),
                result.tasks().stream().map(TaskView::of).toList());
        return ResponseEntity.status(result.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
                .header("Idempotent-Replayed", Boolean.toString(result.replayed()))
                .body(view);
    }

}
