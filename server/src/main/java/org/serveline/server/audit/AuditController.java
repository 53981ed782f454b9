package org.serveline.server.audit;

import java.util.List;
import org.serveline.server.task.ServiceTasks;
import org.serveline.server.task.TaskId;
import org.serveline.server.task.TaskNotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AuditController {

    private final AuditVerifier verifier;
    private final AuditTrail trail;
    private final ServiceTasks tasks;

    AuditController(AuditVerifier verifier, AuditTrail trail, ServiceTasks tasks) {
        this.verifier = verifier;
        this.trail = trail;
        this.tasks = tasks;
    }

    /** Re-computes the hash chains: all of them, or one ({@code ?chain=task:42}). */
    @GetMapping("/api/v1/audit/verify")
    AuditVerification verify(@RequestParam(required = false) String chain) {
        return verifier.verify(chain);
    }

    /** A task's audit events, oldest first. */
    @GetMapping("/api/v1/tasks/{id}/timeline")
    List<AuditEvent> timeline(@PathVariable long id) {
        if (id <= 0) {
            throw new TaskNotFoundException(id);
        }
        TaskId taskId = tasks.get(TaskId.inPath(id)).id();
        return trail.chain(taskId.auditChain());
    }
}
