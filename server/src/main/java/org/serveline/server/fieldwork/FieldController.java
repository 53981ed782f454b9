package org.serveline.server.fieldwork;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import org.serveline.server.security.CurrentActor;
import org.serveline.server.security.Role;
import org.serveline.server.web.InvalidRequestException;
import org.serveline.server.web.ProblemText;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The field agent's work list and outcome API; supervisors and reviewers see every open assignment and assign them.
 * Routes and roles: see SecurityConfiguration.
 */
@RestController
@RequestMapping("/api/v1/field/assignments")
class FieldController {

    private static final Set<String> OVERSEERS = Set.of("ROLE_" + Role.SUPERVISOR, "ROLE_" + Role.REVIEWER,
            "ROLE_" + Role.ADMIN);

    private final FieldAssignments assignments;
    private final FieldUploads uploads;
    private final FieldOutcomes outcomes;
    private final CurrentActor actor;

    FieldController(FieldAssignments assignments, FieldUploads uploads, FieldOutcomes outcomes, CurrentActor actor) {
        this.assignments = assignments;
        this.uploads = uploads;
        this.outcomes = outcomes;
        this.actor = actor;
    }

    /** A field agent's own open assignments; an overseer's view of all (or of one agent's). */
    @GetMapping
    List<FieldAssignment> list(@RequestParam(required = false) String agent) {
        return overseer() ? assignments.open(agent) : assignments.open(actor.name());
    }

    record AssignmentView(FieldAssignment assignment, List<FieldUpload> uploads) {
    }

    @GetMapping("/{id}")
    AssignmentView get(@PathVariable long id) {
        FieldAssignment assignment = assignments.get(id);
        if (!overseer() && !actor.name().equals(assignment.agent())) {
            throw new NotYourAssignmentException(id);
        }
        return new AssignmentView(assignment, assignments.uploads(id));
    }

    record AssignRequest(String agent) {
    }

    @PostMapping("/{id}/assignee")
    FieldAssignment assign(@PathVariable long id, @RequestBody AssignRequest request) {
        if (request.agent() == null || request.agent().isBlank()) {
            throw new InvalidRequestException("agent", ProblemText.of("field.agent-required", "name the field agent"));
        }
        return assignments.assign(id, request.agent().strip(), actor.name());
    }

    @PostMapping(path = "/{id}/uploads", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<FieldUpload> upload(@PathVariable long id,
            @RequestPart(name = "file", required = false) MultipartFile file) throws IOException {
        if (file == null) {
            throw new InvalidRequestException("file", ProblemText.of("upload.part",
                    "send the photo or video as the multipart part named 'file'"));
        }
        try (InputStream in = file.getInputStream()) {
            return ResponseEntity.status(201).body(uploads.upload(id, actor.name(), in, file.getOriginalFilename()));
        }
    }

    @PostMapping("/{id}/outcome")
    OutcomeResult outcome(@PathVariable long id, @RequestBody OutcomeReport report,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        if (idempotencyKey != null && idempotencyKey.length() > 190) {
            throw new InvalidRequestException("Idempotency-Key", ProblemText.of("too-long", "at most 190 characters", 190));
        }
        return outcomes.report(id, actor.name(), report, idempotencyKey);
    }

    private static boolean overseer() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(OVERSEERS::contains);
    }
}
