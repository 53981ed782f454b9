package org.serveline.server.document;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import org.serveline.server.security.CurrentActor;
import org.serveline.server.web.InvalidRequestException;
import org.serveline.server.web.NotFoundException;
import org.serveline.server.web.ProblemText;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/v1/documents")
class DocumentController {

    private final Documents documents;
    private final CurrentActor actor;

    DocumentController(Documents documents, CurrentActor actor) {
        this.documents = documents;
        this.actor = actor;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<StoredDocument> upload(@RequestPart(name = "file", required = false) MultipartFile file)
            throws IOException {
        if (file == null) {
            throw new InvalidRequestException("file", ProblemText.of("document.part",
                    "send the document as the multipart part named 'file'"));
        }
        try (InputStream in = file.getInputStream()) {
            StoredDocument doc = documents.upload(in, file.getOriginalFilename(), actor.name());
            return ResponseEntity.created(URI.create("/api/v1/documents/" + doc.id())).body(doc);
        }
    }

    @GetMapping("/{id}")
    StoredDocument get(@PathVariable String id) {
        return documents.find(id).orElseThrow(() -> new NotFoundException(ProblemText.of("document.not-found", "no document with id " + id, id)));
    }

    /**
     * The document's bytes, as uploaded, under its own name (a reviewer reads what the clerk sent); each opening is an
     * audit event on the document's chain.
     */
    @GetMapping("/{id}/content")
    ResponseEntity<Resource> content(@PathVariable String id) {
        StoredDocument doc = get(id);
        InputStream bytes = documents.openAudited(doc, actor.name());
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(doc.mediaType()))
                .contentLength(doc.size())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(doc.fileName(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .cacheControl(CacheControl.noStore())
                .body(new InputStreamResource(bytes));
    }
}
