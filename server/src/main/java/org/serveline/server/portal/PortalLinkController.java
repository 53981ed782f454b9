package org.serveline.server.portal;

import java.time.Instant;
import org.serveline.server.security.CurrentActor;
import org.serveline.server.task.ServiceTasks;
import org.serveline.server.task.TaskId;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Staff (reviewers, supervisors) reissue a party's portal link: a new code is sent to the party's address. */
@RestController
@RequestMapping("/api/v1/tasks/{id}/portal-link")
class PortalLinkController {

    private final PortalLinks links;
    private final ServiceTasks tasks;
    private final CurrentActor actor;

    PortalLinkController(PortalLinks links, ServiceTasks tasks, CurrentActor actor) {
        this.links = links;
        this.tasks = tasks;
        this.actor = actor;
    }

    /** What staff see of a reissued link: where it points and until when (never the code). */
    record Reissued(long taskId, String url, Instant expiresAt) {
    }

    @PostMapping("/reissue")
    Reissued reissue(@PathVariable long id) {
        TaskId task = tasks.get(TaskId.inPath(id)).id();
        IssuedLink link = links.reissue(task, actor.name());
        return new Reissued(id, link.url(), link.expiresAt());
    }
}
