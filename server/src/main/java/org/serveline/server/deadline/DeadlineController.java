package org.serveline.server.deadline;

import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.serveline.server.court.Courts;
import org.serveline.server.task.TaskId;
import org.serveline.server.task.TaskNotFoundException;
import org.serveline.server.web.InvalidRequestException;
import org.serveline.server.web.ProblemText;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class DeadlineController {

    private static final Period LONGEST_WINDOW = Period.ofDays(366);

    private final Deadlines deadlines;
    private final Courts courts;

    DeadlineController(Deadlines deadlines, Courts courts) {
        this.deadlines = deadlines;
        this.courts = courts;
    }

    /** A task's service date and the deadlines it starts; its latest service day before the hearing. */
    @GetMapping("/api/v1/tasks/{id}/deadlines")
    TaskDeadlines deadlines(@PathVariable long id) {
        if (id <= 0) {
            throw new TaskNotFoundException(id);
        }
        return deadlines.of(TaskId.inPath(id));
    }

    /** Tasks not served yet whose latest service day before the hearing is within {@code within} (or past). */
    @GetMapping("/api/v1/tasks/at-risk")
    List<AtRiskTask> atRisk(@RequestParam(defaultValue = "P3D") String within,
            @RequestParam(required = false) String court) {
        Period window = window(within);
        if (court != null && courts.find(court).isEmpty()) {
            throw new InvalidRequestException("court", ProblemText.of("court.unknown",
                    "未知法院 / unknown court '" + court + "'", court));
        }
        return deadlines.atRisk(window, court);
    }

    private static Period window(String within) {
        Period window;
        try {
            window = Period.parse(within);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("within", ProblemText.of("deadline.within-form",
                    "时间窗口应为ISO-8601期间，如 P3D / within must be an ISO-8601 period such as P3D, not '" + within + "'",
                    within));
        }
        if (window.isNegative() || LocalDate.EPOCH.plus(window).isAfter(LocalDate.EPOCH.plus(LONGEST_WINDOW))) {
            throw new InvalidRequestException("within", ProblemText.of("deadline.within-range",
                    "时间窗口应在0至366天之间 / within must be between P0D and P366D"));
        }
        return window;
    }
}
