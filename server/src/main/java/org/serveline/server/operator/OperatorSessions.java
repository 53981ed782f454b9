package org.serveline.server.operator;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.serveline.server.audit.AuditRecord;
import org.serveline.server.audit.AuditTrail;
import org.serveline.server.call.PbxGateway.EndpointStatus;
import org.serveline.server.operator.internal.OperatorRows;
import org.serveline.server.task.TaskId;
import org.serveline.server.task.TaskLeases;
import org.serveline.server.web.ConflictException;
import org.serveline.server.web.InvalidRequestException;
import org.serveline.server.web.NotFoundException;
import org.serveline.server.web.ProblemText;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Operators sign in with the SIP endpoint of their softphone ({@code PJSIP/agent100}); one endpoint, one operator.
 * Whether the endpoint is registered comes from the PBX; work that rings the phone needs it registered.
 */
@Service
public class OperatorSessions {

    /** An endpoint as the dialplan dials it: PJSIP and a plain name (no dial-string tricks such as {@code &}). */
    private static final Pattern ENDPOINT = Pattern.compile("PJSIP/[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final OperatorRows rows;
    private final EndpointRegistry endpoints;
    private final TaskLeases leases;
    private final AuditTrail audit;
    private final Clock clock;

    OperatorSessions(OperatorRows rows, EndpointRegistry endpoints, TaskLeases leases, AuditTrail audit, Clock clock) {
        this.rows = rows;
        this.endpoints = endpoints;
        this.audit = audit;
        this.leases = leases;
        this.clock = clock;
    }

    @Transactional
    public OperatorView signIn(String username, String endpoint) {
        if (endpoint == null || !ENDPOINT.matcher(endpoint.trim()).matches()) {
            throw new InvalidRequestException("endpoint", ProblemText.of("operator.endpoint-form",
                    "endpoint must be a PJSIP endpoint such as PJSIP/agent100 (letters, digits, . _ -)"));
        }
        String wanted = endpoint.trim();
        rows.sessionHoldingEndpoint(wanted).filter(holder -> !holder.equals(username)).ifPresent(holder -> {
            throw new ConflictException(ProblemText.of("operator.endpoint-taken",
                    "endpoint " + wanted + " is in use by operator " + holder, wanted, holder));
        });
        rows.signIn(username, wanted, now());
        endpoints.refresh();
        OperatorView view = view(username);
        audit.append(new AuditRecord("operator:" + username, username, "OPERATOR_SIGNED_IN", "endpoint:" + wanted,
                null, null, Map.of("endpoint", wanted, "registered", view.registered(),
                        "registration", view.registration())));
        return view;
    }

    @Transactional
    public void signOut(String username, boolean callLive) {
        OperatorRows.Session session = session(username);
        if (callLive) {
            throw new ConflictException(ProblemText.of("operator.sign-out-live",
                    "a call of task " + session.currentTaskId() + " is still live: hang up before signing out",
                    session.currentTaskId()));
        }
        if (session.currentTaskId() != null) {
            leases.release(new TaskId(session.currentTaskId()), OperatorWork.owner(username));
        }
        rows.signOut(username);
        audit.append(new AuditRecord("operator:" + username, username, "OPERATOR_SIGNED_OUT",
                "endpoint:" + session.endpoint(), null, null, Map.of("endpoint", session.endpoint())));
    }

    @Transactional(readOnly = true)
    public OperatorView view(String username) {
        OperatorRows.Session session = session(username);
        EndpointStatus status = endpoints.statusOrRefresh(session.endpoint()).orElse(null);
        return new OperatorView(username, session.endpoint(), status != null && status.registered(),
                status == null ? "unknown" : status.status(), status == null ? null : status.pbxId(),
                status == null ? null : status.at(), session.signedInAt(), session.currentTaskId());
    }

    /**
     * Every signed-in operator as this node knows their softphone's registration (never asks the PBXs: for the
     * supervisor's board, read often), with the task each one holds.
     */
    public List<OperatorView> signedIn() {
        return rows.sessions().stream().map(session -> {
            EndpointStatus status = endpoints.status(session.endpoint()).orElse(null);
            return new OperatorView(session.username(), session.endpoint(), status != null && status.registered(),
                    status == null ? "unknown" : status.status(), status == null ? null : status.pbxId(),
                    status == null ? null : status.at(), session.signedInAt(), session.currentTaskId());
        }).toList();
    }

    OperatorRows.Session session(String username) {
        return rows.session(username).orElseThrow(() -> new NotFoundException(ProblemText.of(
                "operator.not-signed-on", "operator " + username + " is not signed in: POST /api/v1/operators/me/session first",
                username)));
    }

    /** The operator's session with a registered endpoint; 409 when the softphone is not registered. */
    Registered registered(String username) {
        OperatorRows.Session session = session(username);
        EndpointStatus status = endpoints.statusOrRefresh(session.endpoint()).orElse(null);
        if (status == null || !status.registered()) {
            throw new ConflictException(ProblemText.of("operator.not-registered",
                    "endpoint " + session.endpoint() + " is not registered ("
                    + (status == null ? "no PBX lists it" : status.status() + " on PBX " + status.pbxId())
                    + "): start the softphone and let it register first", session.endpoint()));
        }
        return new Registered(session, status);
    }

    record Registered(OperatorRows.Session session, EndpointStatus endpoint) {
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
