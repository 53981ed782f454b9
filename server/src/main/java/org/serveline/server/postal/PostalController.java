package org.serveline.server.postal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.serveline.server.court.Court;
import org.serveline.server.court.Courts;
import org.serveline.server.document.Documents;
import org.serveline.server.document.StoredDocument;
import org.serveline.server.postal.internal.CoverSheetPdf;
import org.serveline.server.security.CurrentActor;
import org.serveline.server.task.ServiceTask;
import org.serveline.server.task.ServiceTasks;
import org.serveline.server.task.TaskId;
import org.serveline.server.task.TaskNotFoundException;
import org.serveline.server.web.InvalidRequestException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** A task's mailing, its tracking number and cover sheet; the carrier's webhook. */
@RestController
class PostalController {

    private final PostalMailings mailings;
    private final PostalWebhooks webhooks;
    private final ServiceTasks tasks;
    private final Courts courts;
    private final Documents documents;
    private final CurrentActor actor;
    private final CoverSheetPdf coverSheet;

    PostalController(PostalMailings mailings, PostalWebhooks webhooks, ServiceTasks tasks, Courts courts,
            Documents documents, CurrentActor actor, PostalProperties properties) {
        this.mailings = mailings;
        this.webhooks = webhooks;
        this.tasks = tasks;
        this.courts = courts;
        this.documents = documents;
        this.actor = actor;
        this.coverSheet = new CoverSheetPdf(properties.pdfFont());
    }

    @GetMapping("/api/v1/tasks/{id}/mailing")
    MailingView get(@PathVariable long id) {
        return MailingView.of(mailing(id));
    }

    record TrackingNumberRequest(@NotBlank String trackingNumber) {
    }

    /** Staff typed the tracking number of the item they posted (UPU S10, check digit verified). */
    @PutMapping("/api/v1/tasks/{id}/mailing/tracking-number")
    MailingView enter(@PathVariable long id, @Valid @RequestBody TrackingNumberRequest request) {
        ServiceTask task = tasks.get(taskId(id));
        return MailingView.of(mailings.enterTrackingNumber(task.id(), request.trackingNumber(), actor.name()));
    }

    @GetMapping("/api/v1/tasks/{id}/mailing/cover.pdf")
    ResponseEntity<byte[]> cover(@PathVariable long id) {
        Mailing mailing = mailing(id);
        if (mailing.address() == null) {
            throw new MailingConflictException("task " + id + " has no postal address: there is nothing to mail");
        }
        ServiceTask task = tasks.get(mailing.taskId());
        ZoneId zone = courts.find(task.courtId()).map(Court::timeZone).orElse(ZoneId.of("Asia/Shanghai"));
        String courtName = courts.find(task.courtId()).map(Court::name).orElse(task.courtId());
        List<String> names = task.documentIds().stream()
                .map(d -> documents.find(d).map(StoredDocument::fileName).orElse(d)).toList();
        byte[] pdf = coverSheet.render(new CoverSheetPdf.Sheet(mailing, courtName, zone, task.caseNumber(), names));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename("mailing-" + id + ".pdf").build().toString())
                .body(pdf);
    }

    /** The carrier's webhook (no sign-in: the HMAC signature proves the caller; see ADR 0011). */
    @PostMapping(path = "/api/v1/postal/webhook", consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> webhook(@RequestBody byte[] body,
            @RequestHeader(name = "X-Carrier-Timestamp", required = false) String timestamp,
            @RequestHeader(name = "X-Carrier-Delivery-Id", required = false) String deliveryId,
            @RequestHeader(name = "X-Carrier-Signature", required = false) String signature) {
        try {
            boolean recorded = webhooks.receive(new PostalCarrier.WebhookCall(body, timestamp, deliveryId, signature));
            return Map.of("accepted", true, "newEvent", recorded);
        } catch (CarrierUnavailableException e) {
            throw new InvalidRequestException("body", "malformed webhook body: " + e.getMessage());
        }
    }

    private Mailing mailing(long id) {
        TaskId task = taskId(id);
        tasks.get(task);
        return mailings.ofTask(task).orElseThrow(() -> new NoMailingException(task));
    }

    private static TaskId taskId(long id) {
        if (id <= 0) {
            throw new TaskNotFoundException(id);
        }
        return new TaskId(id);
    }
}
