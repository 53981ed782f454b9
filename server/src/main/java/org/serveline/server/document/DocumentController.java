package org.serveline.server.document;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import org.serveline.server.security.CurrentActor;
import org.serveline.server.web.InvalidRequestException;
import org.serveline.server.web.NotFoundException;
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
            throw new InvalidRequestException("file", "send the document as the multipart part named 'file'");
        }
        try (InputStream in = file.getInputStream()) {
            StoredDocument doc = documents.upload(in, file.getOriginalFilename(), actor.name());
            return ResponseEntity.created(URI.create("/api/v1/documents/" + doc.id())).body(doc);
        }
    }

    @GetMapping("/{id}")
    StoredDocument get(@PathVariable String id) {
        return documents.find(id).orElseThrow(() -> new NotFoundException("no document with id " + id));
    }
}
