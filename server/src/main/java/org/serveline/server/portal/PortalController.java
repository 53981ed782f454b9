package org.serveline.server.portal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.serveline.server.court.Courts;
import org.serveline.server.document.Documents;
import org.serveline.server.document.StoredDocument;
import org.serveline.server.portal.internal.PortalPages;
import org.serveline.server.task.ServiceTask;
import org.serveline.server.task.ServiceTasks;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The party's document portal, public ({@code /s/{token}}): asks the code, then lists the task's documents, shows
 * them in the browser and downloads them. Documents are found by id among the task's own; an unknown, expired or
 * replaced link answers the same 404 page.
 */
@Controller
@ResponseBody // every method answers a ResponseEntity already; this lists the portal in /v3/api-docs (ADR 0014)
@RequestMapping("/s/{token}")
class PortalController {

    private static final MediaType HTML = new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8);

    private final PortalLinks links;
    private final ServiceTasks tasks;
    private final Documents documents;
    private final Courts courts;

    PortalController(PortalLinks links, ServiceTasks tasks, Documents documents, Courts courts) {
        this.links = links;
        this.tasks = tasks;
        this.documents = documents;
        this.courts = courts;
    }

    @GetMapping
    ResponseEntity<String> open(@PathVariable String token, HttpServletRequest request) {
        Optional<PortalLink> found = links.find(token);
        if (found.isEmpty()) {
            return html(HttpStatus.NOT_FOUND, PortalPages.notFound());
        }
        PortalLink link = found.get();
        Visitor visitor = visitor(request);
        if (!admitted(request, token)) {
            links.recordVisit(link, "PORTAL_OPENED", visitor, Map.of());
            return link.locked() ? html(HttpStatus.LOCKED, PortalPages.locked())
                    : html(HttpStatus.OK, PortalPages.codeForm(token, null));
        }
        ServiceTask task = tasks.get(link.taskId());
        links.recordVisit(link, "PORTAL_DOCUMENTS_LISTED", visitor, Map.of());
        List<PortalPages.DocumentLine> lines = task.documentIds().stream().map(documents::find)
                .flatMap(Optional::stream)
                .map(d -> new PortalPages.DocumentLine(d.id(), d.fileName(), d.size(), d.sha256())).toList();
        String court = courts.find(task.courtId()).map(c -> c.name()).orElse(task.courtId());
        return html(HttpStatus.OK, PortalPages.documents(token, court, task.caseNumber(), lines));
    }

    @PostMapping(consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<String> code(@PathVariable String token, @RequestParam(required = false) String code,
            HttpServletRequest request) {
        return switch (links.check(token, code, visitor(request))) {
            case CodeCheck.Accepted accepted -> {
                request.getSession(true).setAttribute(attribute(token), Boolean.TRUE);
                yield ResponseEntity.status(HttpStatus.SEE_OTHER).header(HttpHeaders.LOCATION, "/s/" + token).build();
            }
            case CodeCheck.Wrong wrong -> html(HttpStatus.FORBIDDEN,
                    PortalPages.codeForm(token, "验证码不正确，还可尝试 " + wrong.triesLeft() + " 次。"));
            case CodeCheck.Locked locked -> html(HttpStatus.LOCKED, PortalPages.locked());
            case CodeCheck.Unknown unknown -> html(HttpStatus.NOT_FOUND, PortalPages.notFound());
        };
    }

    @GetMapping("/documents/{documentId}")
    ResponseEntity<?> document(@PathVariable String token, @PathVariable String documentId,
            @RequestParam(defaultValue = "false") boolean download, HttpServletRequest request) {
        Optional<PortalLink> found = links.find(token);
        if (found.isEmpty() || found.get().locked()) {
            return html(HttpStatus.NOT_FOUND, PortalPages.notFound());
        }
        if (!admitted(request, token)) {
            return ResponseEntity.status(HttpStatus.SEE_OTHER).header(HttpHeaders.LOCATION, "/s/" + token).build();
        }
        PortalLink link = found.get();
        ServiceTask task = tasks.get(link.taskId());
        Optional<StoredDocument> doc = task.documentIds().contains(documentId) ? documents.find(documentId)
                : Optional.empty();
        if (doc.isEmpty()) {
            return html(HttpStatus.NOT_FOUND, PortalPages.notFound());
        }
        StoredDocument document = doc.get();
        links.recordVisit(link, download ? "PORTAL_DOCUMENT_DOWNLOADED" : "PORTAL_DOCUMENT_VIEWED", visitor(request),
                Map.of("document", document.id(), "sha256", document.sha256()));
        InputStream content = documents.open(document);
        Resource body = new InputStreamResource(content);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(document.mediaType()))
                .contentLength(document.size())
                .header(HttpHeaders.CONTENT_DISPOSITION, (download ? ContentDisposition.attachment()
                        : ContentDisposition.inline()).filename(document.fileName(),
                        java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(body);
    }

    private static boolean admitted(HttpServletRequest request, String token) {
        HttpSession session = request.getSession(false);
        return session != null && Boolean.TRUE.equals(session.getAttribute(attribute(token)));
    }

    private static String attribute(String token) {
        return "serveline.portal." + token;
    }

    private static Visitor visitor(HttpServletRequest request) {
        return new Visitor(request.getRemoteAddr(), request.getHeader(HttpHeaders.USER_AGENT));
    }

    private static ResponseEntity<String> html(HttpStatus status, String page) {
        return ResponseEntity.status(status).contentType(HTML).header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(page);
    }
}
