package org.serveline.server.operator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.serveline.server.audit.AuditRecord;
import org.serveline.server.audit.AuditTrail;
import org.serveline.server.call.AttemptState;
import org.serveline.server.call.CallAttempt;
import org.serveline.server.call.CallAttempts;
import org.serveline.server.call.CallOutcome;
import org.serveline.server.call.NoticeHeard;
import org.serveline.server.call.PbxGateway;
import org.serveline.server.intake.PhoneNumbers;
import org.serveline.server.operator.internal.OperatorRows;
import org.serveline.server.task.ServiceTask;
import org.serveline.server.task.ServiceTasks;
import org.serveline.server.task.TaskLeases;
import org.serveline.server.task.TaskState;
import org.serveline.server.task.TaskTrigger;
import org.serveline.server.web.ConflictException;
import org.serveline.server.web.InvalidRequestException;
import org.serveline.server.web.ProblemText;
import org.serveline.server.web.UnprocessableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the operator records about a call: consent (with its offset into the recording and the address to serve
 * to), moving the task to electronic service exactly as keypad consent does, or a disposition. Each rests on a
 * recorded call of the task, is written into the attempt as its result, and frees the operator for the next task.
 */
@Service
public class OperatorDispositions {

    private static final Logger log = LoggerFactory.getLogger(OperatorDispositions.class);
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");

    private final OperatorSessions sessions;
    private final OperatorWork work;
    private final OperatorCalls calls;
    private final OperatorRows rows;
    private final ServiceTasks tasks;
    private final TaskLeases leases;
    private final CallAttempts attempts;
    private final PbxGateway gateway;
    private final PhoneNumbers phoneNumbers;
    private final AuditTrail audit;
    private final Clock clock;

    OperatorDispositions(OperatorSessions sessions, OperatorWork work, OperatorCalls calls, OperatorRows rows,
            ServiceTasks tasks, TaskLeases leases, CallAttempts attempts, PbxGateway gateway,
            OperatorProperties properties, AuditTrail audit, Clock clock) {
        this.sessions = sessions;
        this.work = work;
        this.calls = calls;
        this.rows = rows;
        this.tasks = tasks;
        this.leases = leases;
        this.attempts = attempts;
        this.gateway = gateway;
        this.phoneNumbers = new PhoneNumbers(properties.defaultRegion());
        this.audit = audit;
        this.clock = clock;
    }

    /** What the operator sends; which fields matter depends on the disposition. */
    public record Request(Disposition disposition, Duration offset, String address, Instant callBackAt,
            String note) {
    }

    @Transactional
    public ServiceTask consent(String username, long taskId, Duration offset, String address) {
        return dispose(username, taskId, new Request(Disposition.SERVED_CONSENT, offset, address, null, null));
    }

    @Transactional
    public ServiceTask dispose(String username, long taskId, Request request) {
        if (request.disposition() == null) {
            throw new InvalidRequestException("disposition", ProblemText.of("operator.disposition-required",
                    "disposition is required: one of SERVED_CONSENT, REFUSED, WRONG_NUMBER, CALL_BACK"));
        }
        sessions.session(username);
        ServiceTask task = work.held(username, taskId);
        if (task.state() != TaskState.PHONE) {
            throw new ConflictException(ProblemText.of("operator.not-phone",
                    "task " + taskId + " is " + task.state() + ", not on the phone", taskId,
                    ProblemText.of("task.state." + task.state(), task.state().toString())));
        }
        CallAttempt call = work.recordedCall(username, taskId).orElseThrow(() -> new ConflictException(ProblemText.of(
                "operator.no-call", "task " + taskId + " has no recorded call yet: call the party before recording a disposition",
                taskId)));
        Map<String, Object> evidence = evidence(username, call, request.note());
        ServiceTask result = switch (request.disposition()) {
            case SERVED_CONSENT -> consent(username, task, call, request, evidence);
            case REFUSED -> refused(username, task, call, evidence);
            case WRONG_NUMBER -> wrongNumber(username, task, call);
            case CALL_BACK -> {
                ServiceTask scheduled = callBack(username, task, call, request.callBackAt());
                evidence.put("callBackAt", request.callBackAt().toString());
                yield scheduled;
            }
        };
        audit.append(new AuditRecord(task.id().auditChain(), username, "OPERATOR_" + request.disposition().name(),
                "attempt:" + call.id(), null, null, evidence));
        work.release(username, task.id());
        return result;
    }

    private ServiceTask consent(String username, ServiceTask task, CallAttempt call, Request request,
            Map<String, Object> evidence) {
        Duration offset = offset(call, request.offset(), evidence);
        String address = address(request.address(), call.number());
        evidence.put("consentOffsetMs", offset.toMillis());
        evidence.put("consentBy", "operator");
        // the task moves first: the attempt may settle at once, and the dialer's rules then find it decided
        ServiceTask consented = tasks.consent(task.id(), address, username, evidence);
        record(call, CallOutcome.CONSENTED, offset, username);
        return consented;
    }

    private ServiceTask refused(String username, ServiceTask task, CallAttempt call, Map<String, Object> evidence) {
        ServiceTask moved = tasks.move(task.id(), TaskTrigger.CHANNEL_FAILED, username,
                "the party refused electronic service on a recorded call (operator)", evidence);
        record(call, CallOutcome.REFUSED, null, username);
        return moved;
    }

    /** The number is marked bad when the attempt settles (as an invalid number does); the call is ended. */
    private ServiceTask wrongNumber(String username, ServiceTask task, CallAttempt call) {
        if (call.state() == AttemptState.ENDED) {
            return tasks.markPhoneBad(task.id(), call.number(), username, "operator: wrong number");
        }
        record(call, CallOutcome.INVALID_NUMBER, null, username);
        if (call.endedAt() == null) {
            try {
                calls.hangUp(call);
            } catch (ConflictException e) {
                log.info("wrong number on attempt {}: {}", call.id(), e.getMessage());
            }
        }
        return tasks.get(task.id());
    }

    private ServiceTask callBack(String username, ServiceTask task, CallAttempt call, Instant at) {
        if (at == null) {
            throw new InvalidRequestException("callBackAt", ProblemText.of("operator.call-back-required",
                    "callBackAt is required for CALL_BACK (UTC, e.g. 2026-11-28T02:00:00Z)"));
        }
        Instant now = clock.instant();
        if (!at.isAfter(now) || at.isAfter(now.plus(Duration.ofDays(90)))) {
            throw new UnprocessableException("callBackAt", ProblemText.of("operator.call-back-range",
                    "callBackAt must lie in the next 90 days: " + at, at));
        }
        Instant when = at.truncatedTo(ChronoUnit.MICROS);
        leases.scheduleNextCall(task.id(), when, username, "the operator arranged a call back");
        if (call.state() != AttemptState.ENDED) {
            rows.callBack(call.id(), task.id().value(), when, username, now.truncatedTo(ChronoUnit.MICROS));
            record(call, CallOutcome.NO_RESPONSE, null, username);
        }
        return tasks.get(task.id());
    }

    /** The operator's result becomes the attempt's, so it settles with it; an automated call keeps its own. */
    private void record(CallAttempt call, CallOutcome outcome, Duration offset, String username) {
        if (username.equals(call.operator()) && call.state() != AttemptState.ENDED) {
            attempts.recordNoticeHeard(new NoticeHeard(call.id(), outcome, null, offset, OperatorScripts.VERSION,
                    null, "operator " + username));
        }
    }

    /**
     * The offset into the recording: as given, else the time since the recording started — on an operator call when
     * the operator's phone answered (MixMonitor runs on the operator's channel), which is before the party answers.
     * While the call is up the PBX link knows that moment; once it ended the attempt row does.
     */
    private Duration offset(CallAttempt call, Duration given, Map<String, Object> evidence) {
        Instant answered = call.recordingStartedAt() != null ? call.recordingStartedAt()
                : gateway.answeredAt(call.id()).orElse(null);
        if (answered == null) {
            throw new ConflictException(ProblemText.of("operator.never-answered",
                    "the call of attempt " + call.id() + " was never answered: no recording to mark consent in", call.id()));
        }
        if (given != null) {
            if (given.isNegative()) {
                throw new InvalidRequestException("offset", ProblemText.of("operator.offset-negative",
                        "offset must not be negative: " + given, given));
            }
            Instant end = call.endedAt() != null ? call.endedAt() : clock.instant();
            if (given.compareTo(Duration.between(answered, end)) > 0) {
                throw new UnprocessableException("offset", ProblemText.of("operator.offset-beyond",
                        "offset " + given + " lies beyond the end of the recording (" + Duration.between(answered, end) + ")",
                        given, Duration.between(answered, end)));
            }
            evidence.put("offsetBasis", "operator");
            return given;
        }
        evidence.put("offsetBasis", "answer");
        Instant at = call.endedAt() != null && call.endedAt().isBefore(clock.instant()) ? call.endedAt()
                : clock.instant();
        return Duration.between(answered, at).truncatedTo(ChronoUnit.MILLIS);
    }

    /** An e-mail address or a mobile number (E.164); the dialled number when none is given. */
    private String address(String given, String dialled) {
        if (given == null || given.isBlank()) {
            return dialled;
        }
        String address = given.trim();
        if (address.contains("@")) {
            if (address.length() > 254 || !EMAIL.matcher(address).matches()) {
                throw new InvalidRequestException("address", ProblemText.of("address.not-email",
                        "'" + address + "' is not an e-mail address", address));
            }
            return address;
        }
        return phoneNumbers.normalise(address).orElseThrow(() -> new InvalidRequestException("address",
                ProblemText.of("address.invalid", "'" + address + "' is neither an e-mail address nor a valid phone number",
                        address)));
    }

    private static Map<String, Object> evidence(String username, CallAttempt call, String note) {
        Map<String, Object> evidence = new HashMap<>();
        evidence.put("attemptId", call.id());
        evidence.put("recording", call.id());
        evidence.put("number", call.number());
        evidence.put("operator", username);
        evidence.put("scriptVersion", OperatorScripts.VERSION);
        if (note != null && !note.isBlank()) {
            evidence.put("note", note.length() > 500 ? note.substring(0, 500) : note);
        }
        return evidence;
    }
}
