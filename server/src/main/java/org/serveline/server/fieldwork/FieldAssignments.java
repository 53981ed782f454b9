package org.serveline.server.fieldwork;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.serveline.server.audit.AuditRecord;
import org.serveline.server.audit.AuditTrail;
import org.serveline.server.fieldwork.internal.AssignmentRows;
import org.serveline.server.security.Role;
import org.serveline.server.security.StaffDirectory;
import org.serveline.server.task.ServiceTask;
import org.serveline.server.task.TaskId;
import org.serveline.server.web.ConflictException;
import org.serveline.server.web.NotFoundException;
import org.serveline.server.web.ProblemText;
import org.serveline.server.web.UnprocessableException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Field assignments: opened when a task enters IN_PERSON, given to an agent in turn (when agents are configured)
 * or by a supervisor or reviewer. Each opening and each assignment is an audit event on the task's chain.
 */
@Service
public class FieldAssignments {

    private final AssignmentRows rows;
    private final AuditTrail audit;
    private final FieldworkProperties properties;
    private final StaffDirectory staff;
    private final Clock clock;

    FieldAssignments(JdbcClient jdbc, AuditTrail audit, FieldworkProperties properties, StaffDirectory staff,
            Clock clock) {
        this.rows = new AssignmentRows(jdbc);
        this.audit = audit;
        this.properties = properties;
        this.staff = staff;
        this.clock = clock;
    }

    /** Opens the assignment of a task that has just entered IN_PERSON (once: an open one is kept). */
    @Transactional
    public Optional<FieldAssignment> open(ServiceTask task, String actor) {
        if (rows.openExistsFor(task.id().value())) {
            return Optional.empty();
        }
        String address = task.party().address();
        long id = rows.insert(task.id().value(), task.courtId(), task.caseNumber(), task.party().name(), address,
                task.documentIds(), now());
        Map<String, Object> details = new HashMap<>();
        details.put("assignment", id);
        details.put("address", address == null ? "（无地址）" : address);
        details.put("documents", task.documentIds());
        audit.append(new AuditRecord(task.id().auditChain(), actor, "FIELD_ASSIGNMENT_OPENED", subject(id), null,
                "OPEN", details));
        if (!properties.agents().isEmpty()) {
            List<String> agents = properties.agents();
            String agent = agents.get((int) (rows.roundRobinCount() % agents.size()));
            assignTo(id, task.id(), agent, AssignmentRows.ROUND_ROBIN, null);
        }
        return rows.find(id);
    }

    /** A supervisor or reviewer gives an open assignment to a field agent (or to another one). */
    @Transactional
    public FieldAssignment assign(long id, String agent, String actor) {
        FieldAssignment assignment = rows.lock(id).orElseThrow(() -> notFound(id));
        if (!assignment.open()) {
            throw new ConflictException(ProblemText.of("field.closed",
                    "field assignment " + id + " is closed (" + assignment.outcome() + ")", id,
                    ProblemText.of("field.outcome." + assignment.outcome(), String.valueOf(assignment.outcome()))));
        }
        if (!staff.hasRole(agent, Role.FIELD)) {
            throw new UnprocessableException("agent", ProblemText.of("field.not-agent",
                    "'" + agent + "' is not a user with the role FIELD", agent));
        }
        assignTo(id, new TaskId(assignment.taskId()), agent, actor, assignment.agent());
        return rows.find(id).orElseThrow();
    }

    private void assignTo(long id, TaskId task, String agent, String by, String previous) {
        rows.assign(id, agent, by, now());
        Map<String, Object> details = new HashMap<>();
        details.put("assignment", id);
        details.put("agent", agent);
        details.put("assignedBy", by);
        if (previous != null) {
            details.put("previousAgent", previous);
        }
        audit.append(new AuditRecord(task.auditChain(), by, "FIELD_ASSIGNED", subject(id), previous, agent, details));
    }

    public FieldAssignment get(long id) {
        return rows.find(id).orElseThrow(() -> notFound(id));
    }

    /** The open assignments of one agent, or of everyone (agent null), oldest first. */
    public List<FieldAssignment> open(String agent) {
        return rows.open(agent);
    }

    public List<FieldUpload> uploads(long id) {
        return rows.uploads(id);
    }

    static String subject(long id) {
        return "field-assignment:" + id;
    }

    static NotFoundException notFound(long id) {
        return new NotFoundException(ProblemText.of("field.not-found", "no field assignment with id " + id, id));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
