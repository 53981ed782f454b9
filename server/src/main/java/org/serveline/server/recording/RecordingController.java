package org.serveline.server.recording;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.serveline.recordings.ObjectKind;
import org.serveline.server.call.CallOutcome;
import org.serveline.server.recording.internal.AccessRefusedException;
import org.serveline.server.recording.internal.RangeNotSatisfiableException;
import org.serveline.server.recording.internal.RecordingAccess;
import org.serveline.server.recording.internal.RecordingAccessGrants;
import org.serveline.server.recording.internal.RecordingGoneException;
import org.serveline.server.recording.internal.RecordingHolds;
import org.serveline.server.recording.internal.RecordingIntegrityException;
import org.serveline.server.recording.internal.RecordingPeaks;
import org.serveline.server.security.CurrentActor;
import org.serveline.server.web.InvalidRequestException;
import org.serveline.server.web.ProblemMessages;
import org.serveline.server.web.ProblemText;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Recordings: list and metadata, the Opus copy streamed with HTTP Range, the original WAV for supervisors, legal
 * holds. Touching the bytes needs a stated reason ({@value #REASON_HEADER} header, percent-encoded UTF-8 allowed, or
 * {@code reason} parameter) and is an audit event.
 */
@RestController
@RequestMapping("/api/v1/recordings")
class RecordingController {

    static final String REASON_HEADER = "X-Access-Reason";

    private final Recordings recordings;
    private final RecordingAccess access;
    private final RecordingHolds holds;
    private final CurrentActor actor;
    private final RecordingAccessGrants grants;
    private final RecordingPeaks peaks;
    private final ProblemMessages messages;

    RecordingController(Recordings recordings, RecordingAccess access, RecordingHolds holds, CurrentActor actor,
            RecordingAccessGrants grants, RecordingPeaks peaks, ProblemMessages messages) {
        this.messages = messages;
        this.recordings = recordings;
        this.access = access;
        this.holds = holds;
        this.actor = actor;
        this.grants = grants;
        this.peaks = peaks;
    }

    @GetMapping
    RecordingPage list(@RequestParam(required = false) String caseNumber,
            @RequestParam(required = false) Long taskId, @RequestParam(required = false) String operator,
            @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
            @RequestParam(required = false) CallOutcome outcome,
            @RequestParam(required = false) AuditStatus auditStatus,
            @RequestParam(required = false) String attemptId,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidRequestException("from", ProblemText.of("range.order",
                    "from (" + from + ") must be before to (" + to + ")", from, to));
        }
        return recordings.list(new RecordingFilter(caseNumber, taskId, OwnCallsOnly.operator(operator, actor.name()),
                from, to, outcome == null ? null : outcome.name(), auditStatus, attemptId), page, size);
    }

    @GetMapping("/{id}")
    Recording get(@PathVariable String id) {
        return OwnCallsOnly.check(recordings.get(id), actor.name());
    }

    /**
     * The Opus copy, with HTTP Range. Either under an access grant ({@code access}, from {@code POST .../access}: the
     * first request served under it is the audit event) or with a reason stated in this request (each request is).
     */
    @GetMapping("/{id}/audio")
    ResponseEntity<Resource> audio(@PathVariable String id,
            @RequestHeader(name = HttpHeaders.RANGE, required = false) String range,
            @RequestHeader(name = REASON_HEADER, required = false) String reasonHeader,
            @RequestParam(required = false) String reason, @RequestParam(required = false) String access) {
        OwnCallsOnly.check(recordings.get(id), actor.name());
        if (access != null) {
            return respond(this.access.openGranted(id, access, range, actor.name()), ObjectKind.COPY);
        }
        return serve(id, ObjectKind.COPY, range, reason(reasonHeader, reason));
    }

    record AccessRequest(@NotBlank String reason) {
    }

    /**
     * States why one listens to a recording, once: answers an access id that the player's audio and peaks requests
     * name, for this person and this recording only, until it expires (ADR 0022). Nothing is audited until a byte is
     * served under it.
     */
    @PostMapping("/{id}/access")
    ResponseEntity<AccessGrant> grantAccess(@PathVariable String id, @Valid @RequestBody AccessRequest request) {
        OwnCallsOnly.check(recordings.get(Recordings.checkId(id)), actor.name());
        AccessGrant grant = grants.grant(id, request.reason(), actor.name());
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore()).body(grant);
    }

    /** The waveform of the Opus copy, under an access grant (its audio requests are the audited access). */
    @GetMapping("/{id}/peaks")
    ResponseEntity<Peaks> peaks(@PathVariable String id, @RequestParam String access) {
        Recordings.checkId(id);
        grants.check(access, id, actor.name());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(peaks.of(recordings.get(id)));
    }

    /** The original WAV, the evidence; the route is restricted to supervisors. */
    @GetMapping("/{id}/original")
    ResponseEntity<Resource> original(@PathVariable String id,
            @RequestHeader(name = HttpHeaders.RANGE, required = false) String range,
            @RequestHeader(name = REASON_HEADER, required = false) String reasonHeader,
            @RequestParam(required = false) String reason) {
        return serve(id, ObjectKind.ORIGINAL, range, reason(reasonHeader, reason));
    }

    record HoldRequest(@NotBlank String reason) {
    }

    @PostMapping("/{id}/legal-hold")
    Recording placeHold(@PathVariable String id, @Valid @RequestBody HoldRequest request) {
        SupervisorOnly.check();
        return holds.place(id, request.reason(), actor.name());
    }

    @DeleteMapping("/{id}/legal-hold")
    Recording releaseHold(@PathVariable String id,
            @RequestHeader(name = REASON_HEADER, required = false) String reasonHeader,
            @RequestParam(required = false) String reason) {
        SupervisorOnly.check();
        return holds.release(id, reason(reasonHeader, reason), actor.name());
    }

    private ResponseEntity<Resource> serve(String id, ObjectKind kind, String range, String reason) {
        return respond(access.open(id, kind, range, reason, actor.name()), kind);
    }

    private static ResponseEntity<Resource> respond(RecordingAccess.Opened opened, ObjectKind kind) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType(opened.mediaType()));
        headers.setContentLength(opened.range().length());
        headers.set(HttpHeaders.ACCEPT_RANGES, "bytes");
        headers.setETag("\"" + (kind == ObjectKind.ORIGINAL ? opened.recording().sha256()
                : opened.recording().copySha256()) + "\"");
        headers.setCacheControl(CacheControl.noStore());
        if (kind == ObjectKind.ORIGINAL) {
            headers.setContentDisposition(ContentDisposition.attachment()
                    .filename(opened.recording().storeKey() + ".wav").build());
        }
        if (opened.range().partial()) {
            headers.set(HttpHeaders.CONTENT_RANGE, opened.range().contentRange());
        }
        return new ResponseEntity<>(new InputStreamResource(opened.body()), headers,
                opened.range().partial() ? HttpStatus.PARTIAL_CONTENT : HttpStatus.OK);
    }

    /** The header wins over the parameter; a header may carry percent-encoded UTF-8 (headers are Latin-1). */
    private static String reason(String header, String parameter) {
        if (header == null) {
            return parameter;
        }
        try {
            return URLDecoder.decode(header, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("reason", ProblemText.of("recording.reason-encoding",
                    "the " + REASON_HEADER + " header is not valid percent-encoded UTF-8"));
        }
    }

    @ExceptionHandler(RangeNotSatisfiableException.class)
    ResponseEntity<ProblemDetail> unsatisfiable(RangeNotSatisfiableException e) {
        return ResponseEntity.status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
                .header(HttpHeaders.CONTENT_RANGE, "bytes */" + e.total())
                .body(problem(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, "Range not satisfiable", "recording.range", e));
    }

    @ExceptionHandler(AccessRefusedException.class)
    ResponseEntity<ProblemDetail> refused(AccessRefusedException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN)
                .body(problem(HttpStatus.FORBIDDEN, "Access refused", "recording.access-refused", e));
    }

    @ExceptionHandler(RecordingGoneException.class)
    ResponseEntity<ProblemDetail> gone(RecordingGoneException e) {
        return ResponseEntity.status(HttpStatus.GONE).body(problem(HttpStatus.GONE, "Gone", "recording.gone", e));
    }

    @ExceptionHandler(RecordingIntegrityException.class)
    ResponseEntity<ProblemDetail> integrity(RecordingIntegrityException e) {
        return ResponseEntity.internalServerError()
                .body(problem(HttpStatus.INTERNAL_SERVER_ERROR, "Recording unavailable", "recording.unavailable", e));
    }

    /**
     * A problem of the recordings' own in the reader's language (ADR 0026): one sentence per kind, the exception's
     * English as it is for readers of English (its particulars: ids, times, byte counts).
     */
    private ProblemDetail problem(HttpStatus status, String title, String key, RuntimeException e) {
        return messages.problem(status, title, ProblemText.of(key, e.getMessage()));
    }
}
