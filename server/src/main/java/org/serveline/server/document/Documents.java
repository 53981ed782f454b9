package org.serveline.server.document;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.apache.tika.Tika;
import org.serveline.server.audit.AuditRecord;
import org.serveline.server.audit.AuditTrail;
import org.serveline.server.support.ContentAddressedFiles;
import org.serveline.server.web.InvalidRequestException;
import org.serveline.server.web.ProblemText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Uploaded court documents: the media type is sniffed from the bytes (never trusted from the client), the
 * content is stored once by its SHA-256, and every upload is an audit event.
 */
@Service
public class Documents {

    private final JdbcClient jdbc;
    private final Cache<String, StoredDocument> found = Caffeine.newBuilder().maximumSize(10_000).build();
    private final ContentAddressedFiles files;
    private final DocumentProperties properties;
    private final AuditTrail audit;
    private final Clock clock;
    private final Tika tika = new Tika();

    Documents(JdbcClient jdbc, DocumentProperties properties, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.files = new ContentAddressedFiles(properties.root());
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public StoredDocument upload(InputStream content, String fileName, String actor) {
        ContentAddressedFiles.Staged staged = files.stage(content, properties.maxSize().toBytes());
        try {
            if (staged.size() == 0) {
                throw new InvalidRequestException("file", ProblemText.of("document.empty", "the document is empty"));
            }
            String mediaType = sniff(staged, fileName);
            if (!properties.allowedTypes().contains(mediaType)) {
                throw new InvalidRequestException("file", ProblemText.of("document.type", "documents of type " + mediaType
                        + " are not accepted; allowed: " + properties.allowedTypes(), mediaType,
                        String.join("、", properties.allowedTypes())));
            }
            files.commit(staged);
            return record(staged, mediaType, safeName(fileName), actor);
        } finally {
            files.discard(staged);
        }
    }

    private StoredDocument record(ContentAddressedFiles.Staged staged, String mediaType, String fileName, String actor) {
        StoredDocument doc = new StoredDocument(UUID.randomUUID().toString(), staged.sha256(), staged.size(),
                mediaType, fileName, actor, clock.instant().truncatedTo(ChronoUnit.MICROS));
        jdbc.sql("""
                INSERT INTO document (id, sha256, size_bytes, media_type, file_name, uploaded_by, uploaded_at)
                VALUES (:id, :sha, :size, :type, :name, :by, :at)""")
                .param("id", doc.id()).param("sha", doc.sha256()).param("size", doc.size())
                .param("type", doc.mediaType()).param("name", doc.fileName()).param("by", actor)
                .param("at", Timestamp.from(doc.uploadedAt())).update();
        audit.append(new AuditRecord("document:" + doc.id(), actor, "DOCUMENT_UPLOADED", "document:" + doc.id(),
                null, null, Map.of("sha256", doc.sha256(), "size", doc.size(), "mediaType", mediaType,
                        "fileName", fileName)));
        return doc;
    }

    /** A stored document never changes (its bytes are content-addressed): found ones are kept in memory. */
    public Optional<StoredDocument> find(String id) {
        StoredDocument known = found.getIfPresent(id);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<StoredDocument> stored = read(id);
        stored.ifPresent(doc -> found.put(id, doc));
        return stored;
    }

    private Optional<StoredDocument> read(String id) {
        return jdbc.sql("""
                SELECT id, sha256, size_bytes, media_type, file_name, uploaded_by, uploaded_at
                  FROM document WHERE id = :id""").param("id", id)
                .query((rs, n) -> new StoredDocument(rs.getString(1), rs.getString(2), rs.getLong(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant()))
                .optional();
    }

    /** The stored bytes of a document (by its id, looked up first: never by a path from a request). */
    public InputStream open(StoredDocument doc) {
        try {
            return Files.newInputStream(files.pathOf(doc.sha256()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stored bytes, for a person: who opened which document is an audit event (DOCUMENT_OPENED). */
    @Transactional
    public InputStream openAudited(StoredDocument doc, String actor) {
        audit.append(new AuditRecord("document:" + doc.id(), actor, "DOCUMENT_OPENED", "document:" + doc.id(),
                null, null, Map.of("sha256", doc.sha256(), "fileName", doc.fileName())));
        return open(doc);
    }

    /** The ids among {@code ids} that name no stored document. */
    public List<String> missing(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<String> known = jdbc.sql("SELECT id FROM document WHERE id IN (:ids)").param("ids", ids)
                .query(String.class).list();
        return ids.stream().filter(id -> !known.contains(id)).distinct().toList();
    }

    private String sniff(ContentAddressedFiles.Staged staged, String fileName) {
        try (InputStream in = Files.newInputStream(staged.file())) {
            return tika.detect(in, safeName(fileName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String safeName(String fileName) {
        if (fileName == null || fileName.isBlank()) {
            return "document";
        }
        String base = fileName.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).strip();
        return base.isEmpty() ? "document" : base.substring(0, Math.min(base.length(), 255));
    }

}
