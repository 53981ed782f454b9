package org.serveline.server.operator;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.serveline.server.security.CurrentActor;
import org.serveline.server.task.TaskView;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The operator screen's API: session, preview work, calls, consent and dispositions. */
@RestController
@RequestMapping("/api/v1/operators")
class OperatorController {

    private final OperatorSessions sessions;
    private final OperatorWork work;
    private final OperatorCalls calls;
    private final OperatorDispositions dispositions;
    private final OperatorQueue queue;
    private final TransferOperators transferOperators;
    private final CurrentActor actor;

    OperatorController(OperatorSessions sessions, OperatorWork work, OperatorCalls calls,
            OperatorDispositions dispositions, OperatorQueue queue, TransferOperators transferOperators,
            CurrentActor actor) {
        this.sessions = sessions;
        this.work = work;
        this.calls = calls;
        this.dispositions = dispositions;
        this.queue = queue;
        this.transferOperators = transferOperators;
        this.actor = actor;
    }

    record SessionRequest(@Size(max = 100) String endpoint) {
    }

    record CallRequest(@Size(max = 32) String number) {
    }

    record ConsentRequest(Duration offset, @Size(max = 254) String address) {
    }

    record DispositionRequest(Disposition disposition, Duration offset, @Size(max = 254) String address,
            Instant callBackAt, @Size(max = 500) String note) {
    }

    /** A party waiting for an operator: the task, its case and the party's name, the call they asked in. */
    record QueueEntry(long taskId, String attemptId, String caseNumber, String partyName, Instant queuedAt) {
    }

    @PostMapping("/me/session")
    ResponseEntity<OperatorView> signIn(@Valid @RequestBody SessionRequest request) {
        OperatorView signedIn = sessions.signIn(actor.name(), request.endpoint());
        transferOperators.publish();
        return ResponseEntity.created(URI.create("/api/v1/operators/me")).body(signedIn);
    }

    @DeleteMapping("/me/session")
    ResponseEntity<Void> signOut() {
        String me = actor.name();
        Long task = sessions.session(me).currentTaskId();
        sessions.signOut(me, task != null && work.liveAttempt(task).isPresent());
        transferOperators.publish();
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/me")
    OperatorView me() {
        return sessions.view(actor.name());
    }

    /** The operator's task (the one held, else the next one); 204 when no task waits. */
    @PostMapping("/me/next")
    ResponseEntity<OperatorTask> next() {
        var taken = work.next(actor.name());
        transferOperators.publish();
        return taken.map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.noContent().build());
    }

    @PostMapping("/me/tasks/{id}/call")
    ResponseEntity<OperatorCallView> call(@PathVariable long id, @Valid @RequestBody(required = false) CallRequest request) {
        OperatorCallView call = calls.call(actor.name(), id, request == null ? null : request.number());
        return ResponseEntity.created(URI.create("/api/v1/tasks/" + id)).body(call);
    }

    @PostMapping("/me/tasks/{id}/consent")
    TaskView consent(@PathVariable long id, @Valid @RequestBody(required = false) ConsentRequest request) {
        ConsentRequest body = request == null ? new ConsentRequest(null, null) : request;
        TaskView consented = TaskView.of(dispositions.consent(actor.name(), id, body.offset(), body.address()));
        transferOperators.publish();
        return consented;
    }

    @PostMapping("/me/tasks/{id}/disposition")
    TaskView dispose(@PathVariable long id, @Valid @RequestBody DispositionRequest request) {
        TaskView disposed = TaskView.of(dispositions.dispose(actor.name(), id, new OperatorDispositions.Request(
                request.disposition(), request.offset(), request.address(), request.callBackAt(), request.note())));
        transferOperators.publish();
        return disposed;
    }

    @PostMapping("/me/tasks/{id}/ivr-consent")
    ResponseEntity<Map<String, String>> ivrConsent(@PathVariable long id) {
        String attempt = calls.redirectToConsent(actor.name(), id);
        return ResponseEntity.accepted().body(Map.of("attemptId", attempt, "redirectedTo", "serveline-consent"));
    }

    @PostMapping("/me/tasks/{id}/hangup")
    ResponseEntity<Map<String, String>> hangUp(@PathVariable long id) {
        return ResponseEntity.accepted().body(Map.of("attemptId", calls.hangUp(actor.name(), id)));
    }

    /** Tasks whose party asked the IVR for an operator and that no operator has taken yet. */
    @GetMapping("/queue")
    List<QueueEntry> queue() {
        return queue.waitingParties().stream().map(q -> new QueueEntry(q.taskId(), q.attemptId(), q.caseNumber(),
                q.partyName(), q.queuedAt())).toList();
    }

    /**
     * Takes this party from the queue (the transfer accepted on screen), not whoever waits longest; 409 when another
     * operator took them first or they no longer wait.
     */
    @PostMapping("/me/queue/{taskId}/take")
    OperatorTask takeQueued(@PathVariable long taskId) {
        OperatorTask taken = work.takeQueued(actor.name(), taskId);
        transferOperators.publish();
        return taken;
    }
}
