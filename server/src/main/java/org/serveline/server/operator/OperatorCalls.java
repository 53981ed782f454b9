package org.serveline.server.operator;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.serveline.server.audit.AuditRecord;
import org.serveline.server.audit.AuditTrail;
import org.serveline.server.call.CallAttempt;
import org.serveline.server.call.CallAttempts;
import org.serveline.server.call.CallOutcome;
import org.serveline.server.call.PbxGateway;
import org.serveline.server.intake.PhoneNumbers;
import org.serveline.server.operator.internal.OperatorRows;
import org.serveline.server.task.PartyPhone;
import org.serveline.server.task.ServiceTask;
import org.serveline.server.task.TaskState;
import org.serveline.server.web.ConflictException;
import org.serveline.server.web.ProblemText;
import org.serveline.server.web.UnprocessableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The operator's calls: "call" writes the attempt row (operator = the user) and commits it before the Originate
 * rings the operator's softphone and then the party ({@code serveline-operator}); the task row is locked while
 * that is decided, so a second "call" while an attempt is live is refused and dials nothing. During the call the
 * party can be handed to the IVR consent step (AMI Redirect) or the call ended (AMI Hangup).
 */
@Service
public class OperatorCalls {

    private static final Logger log = LoggerFactory.getLogger(OperatorCalls.class);

    private final OperatorSessions sessions;
    private final OperatorWork work;
    private final OperatorRows rows;
    private final CallAttempts attempts;
    private final PbxGateway gateway;
    private final OperatorProperties properties;
    private final PhoneNumbers phoneNumbers;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;

    OperatorCalls(OperatorSessions sessions, OperatorWork work, OperatorRows rows, CallAttempts attempts,
            PbxGateway gateway, OperatorProperties properties, AuditTrail audit, TransactionTemplate transactions) {
        this.sessions = sessions;
        this.work = work;
        this.rows = rows;
        this.attempts = attempts;
        this.gateway = gateway;
        this.properties = properties;
        this.phoneNumbers = new PhoneNumbers(properties.defaultRegion());
        this.audit = audit;
        this.transactions = transactions;
    }

    public OperatorCallView call(String username, long taskId, String requestedNumber) {
        OperatorSessions.Registered me = sessions.registered(username);
        String pbxId = me.endpoint().pbxId();
        if (!gateway.isUp(pbxId)) {
            throw new ConflictException(ProblemText.of("operator.pbx-down",
                    "PBX " + pbxId + " of endpoint " + me.session().endpoint() + " is down: nothing dialled", pbxId,
                    me.session().endpoint()));
        }
        String trunk = trunkOf(pbxId);
        CallAttempt attempt = transactions.execute(tx -> {
            rows.lockTask(taskId);
            ServiceTask task = work.held(username, taskId);
            if (task.state() != TaskState.PHONE) {
                throw new ConflictException(ProblemText.of("operator.not-phone",
                        "task " + taskId + " is " + task.state() + ", not on the phone", taskId,
                        ProblemText.of("task.state." + task.state(), task.state().toString())));
            }
            work.liveAttempt(taskId).ifPresent(live -> {
                throw new ConflictException(ProblemText.of("operator.call-live",
                        "a call of task " + taskId + " is already live (attempt " + live.id() + "): nothing dialled",
                        taskId, live.id()));
            });
            String number = number(task, requestedNumber);
            return attempts.open(new CallAttempts.NewAttempt(taskId, null, username, pbxId, trunk, number,
                    properties.node(), username));
        });
        place(attempt, me.session().endpoint());
        return new OperatorCallView(attempt.id(), taskId, attempt.state().name(), me.session().endpoint(),
                attempt.number(), pbxId, trunk);
    }

    private void place(CallAttempt attempt, String endpoint) {
        try {
            await(gateway.originateOperatorCall(new PbxGateway.OperatorCall(attempt.id(), attempt.taskId(),
                    attempt.pbxId(), attempt.trunk(), endpoint, attempt.number(), properties.ringTimeout())));
        } catch (PbxGateway.CallNotPlacedException refused) {
            attempts.settleStale(attempt.id(), CallOutcome.FAILED, "the PBX refused the Originate: "
                    + refused.getMessage());
            throw new ConflictException(ProblemText.of("operator.pbx-refused",
                    "the PBX refused the call: " + refused.getMessage(), refused.getMessage()));
        } catch (RuntimeException unknown) {
            // the PBX may have queued it: the attempt stays DIALING and is reconciled, never redialled blindly
            log.warn("operator call {} unconfirmed ({}); it will be reconciled", attempt.id(), unknown.toString());
        }
    }

    /** Hands the party of the operator's live call to the IVR consent step. */
    public String redirectToConsent(String username, long taskId) {
        OperatorSessions.Registered me = sessions.registered(username);
        work.held(username, taskId);
        CallAttempt live = ownLiveCall(username, taskId);
        try {
            await(gateway.redirectToConsent(live.pbxId(), live.id(), me.session().endpoint()));
        } catch (PbxGateway.ChannelActionFailedException e) {
            throw new ConflictException(ProblemText.of("operator.transfer-failed",
                    "could not hand the party to the consent step: " + e.getMessage(), e.getMessage()));
        }
        audit.append(new AuditRecord("task:" + taskId, username, "OPERATOR_IVR_CONSENT", "attempt:" + live.id(),
                null, null, Map.of("attemptId", live.id(), "context", "serveline-consent")));
        return live.id();
    }

    /** Ends the operator's live call (every channel of its attempt), also after the task was let go. */
    public String hangUp(String username, long taskId) {
        sessions.session(username);
        CallAttempt live = ownLiveCall(username, taskId);
        hangUp(live);
        audit.append(new AuditRecord("task:" + taskId, username, "OPERATOR_HANGUP", "attempt:" + live.id(), null,
                null, Map.of("attemptId", live.id())));
        return live.id();
    }

    void hangUp(CallAttempt live) {
        try {
            await(gateway.hangUp(live.pbxId(), live.id()));
        } catch (PbxGateway.ChannelActionFailedException e) {
            throw new ConflictException(ProblemText.of("operator.hang-up-failed",
                    "could not hang up attempt " + live.id() + ": " + e.getMessage(), live.id(), e.getMessage()));
        }
    }

    private CallAttempt ownLiveCall(String username, long taskId) {
        return work.liveAttempt(taskId).filter(a -> username.equals(a.operator())).orElseThrow(() ->
                new ConflictException(ProblemText.of("operator.no-live-call",
                        "task " + taskId + " has no live call of operator " + username, taskId, username)));
    }

    private String trunkOf(String pbxId) {
        return gateway.trunks().stream().filter(t -> t.pbxId().equals(pbxId))
                .filter(t -> properties.trunk() == null || t.name().equals(properties.trunk())).findFirst()
                .map(PbxGateway.Trunk::name).orElseThrow(() -> new ConflictException(ProblemText.of("operator.no-trunk",
                        "PBX " + pbxId + " has no trunk" + (properties.trunk() == null ? "" : " named " + properties.trunk())
                        + ": nothing dialled", pbxId)));
    }

    /** The number asked for (one of the party's, not marked bad), else the party's first usable number. */
    private String number(ServiceTask task, String requested) {
        if (requested != null && !requested.isBlank()) {
            String e164 = phoneNumbers.normalise(requested).orElseThrow(() -> new UnprocessableException("number",
                    ProblemText.of("phone.invalid", "'" + requested + "' is not a valid phone number", requested)));
            PartyPhone phone = task.phones().stream().filter(p -> p.e164().equals(e164)).findFirst()
                    .orElseThrow(() -> new UnprocessableException("number", ProblemText.of("operator.not-party-number",
                    e164 + " is not a number of this party", e164)));
            if (phone.status() == PartyPhone.PhoneStatus.BAD) {
                throw new UnprocessableException("number", ProblemText.of("operator.number-bad",
                        e164 + " is marked bad", e164));
            }
            return e164;
        }
        return task.phones().stream().filter(p -> p.status() != PartyPhone.PhoneStatus.BAD).findFirst()
                .map(PartyPhone::e164).orElseThrow(() -> new UnprocessableException("number",
                        ProblemText.of("operator.no-number-left", "the party has no number left that is not marked bad")));
    }

    private <T> T await(Future<T> future) {
        try {
            return future.get(properties.pbxTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer from the PBX within " + properties.pbxTimeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
