package org.serveline.server.evidence;

import org.serveline.server.task.TaskId;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A task's whole evidence in one read, for the console's evidence page. */
@RestController
class EvidenceController {

    private final TaskEvidenceReader reader;

    EvidenceController(TaskEvidenceReader reader) {
        this.reader = reader;
    }

    @GetMapping("/api/v1/tasks/{id}/evidence")
    TaskEvidence evidence(@PathVariable long id) {
        return reader.read(TaskId.inPath(id));
    }
}
