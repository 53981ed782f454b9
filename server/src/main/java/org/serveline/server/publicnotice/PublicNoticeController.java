package org.serveline.server.publicnotice;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import org.serveline.server.security.CurrentActor;
import org.serveline.server.task.TaskId;
import org.serveline.server.task.TaskNotFoundException;
import org.serveline.server.web.ConflictException;
import org.serveline.server.web.InvalidRequestException;
import org.serveline.server.web.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A task's public notice and its period, for staff. */
@RestController
class PublicNoticeController {

    private final PublicNotices notices;
    private final CurrentActor actor;

    PublicNoticeController(PublicNotices notices, CurrentActor actor) {
        this.notices = notices;
        this.actor = actor;
    }

    record NoticeView(long id, long taskId, String title, String body, String period, long periodDays,
            String timeZone, Instant publishedAt, Instant elapsesAt, LocalDate serviceDay, PublicNotice.Status status,
            String statusText, Instant elapsedAt, String page) {

        static NoticeView of(PublicNotice n) {
            return new NoticeView(n.id(), n.taskId(), n.title(), n.body(), n.period(), n.noticePeriod().days(),
                    n.timeZone().getId(), n.publishedAt(), n.elapsesAt(), n.serviceDay(), n.status(),
                    n.status().chinese(), n.elapsedAt(), "/notices/" + n.id());
        }
    }

    @GetMapping("/api/v1/tasks/{id}/public-notice")
    NoticeView get(@PathVariable long id) {
        TaskId task = taskId(id);
        return notices.ofTask(task).map(NoticeView::of)
                .orElseThrow(() -> new NotFoundException("task " + id + " has no public notice (yet)"));
    }

    record PeriodRequest(@NotBlank String period, @NotBlank @Size(max = 500) String reason) {
    }

    record PeriodView(long taskId, String period, long periodDays) {
    }

    /** Sets the task's own notice period before publication, e.g. {@code {"period":"P60D","reason":"当事人在境外"}}. */
    @PutMapping("/api/v1/tasks/{id}/public-notice/period")
    PeriodView setPeriod(@PathVariable long id, @Valid @RequestBody PeriodRequest request) {
        try {
            NoticePeriod period = notices.setPeriod(taskId(id), request.period(), request.reason(), actor.name());
            return new PeriodView(id, period.toString(), period.days());
        } catch (InvalidNoticePeriodException e) {
            throw new InvalidRequestException("period", e.getMessage());
        } catch (NoticeConflictException e) {
            throw new ConflictException(e.getMessage());
        }
    }

    @GetMapping("/api/v1/tasks/{id}/public-notice/period")
    PeriodView period(@PathVariable long id) {
        NoticePeriod period = notices.periodFor(taskId(id));
        return new PeriodView(id, period.toString(), period.days());
    }

    private static TaskId taskId(long id) {
        if (id <= 0) {
            throw new TaskNotFoundException(id);
        }
        return new TaskId(id);
    }
}
