package org.serveline.server.review;

import jakarta.validation.Valid;
import org.serveline.server.intake.TaskCorrections;
import org.serveline.server.security.CurrentActor;
import org.serveline.server.task.TaskId;
import org.serveline.server.task.TaskView;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The clerk sends a returned task back for review once the reviewer's point is addressed, optionally with the
 * corrected party and documents in the body ({@link TaskCorrections.Correction}; an empty body only resubmits).
 */
@RestController
class ResubmitController {

    private final TaskCorrections corrections;
    private final CurrentActor actor;

    ResubmitController(TaskCorrections corrections, CurrentActor actor) {
        this.corrections = corrections;
        this.actor = actor;
    }

    @PostMapping("/api/v1/tasks/{id}/resubmit")
    TaskView resubmit(@PathVariable long id,
            @Valid @RequestBody(required = false) TaskCorrections.Correction correction) {
        return TaskView.of(corrections.resubmit(TaskId.inPath(id), correction, actor.name()));
    }
}
