package org.serveline.server.fieldwork;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.apache.tika.Tika;
import org.serveline.server.audit.AuditRecord;
import org.serveline.server.audit.AuditTrail;
import org.serveline.server.fieldwork.internal.AssignmentRows;
import org.serveline.server.support.ContentAddressedFiles;
import org.serveline.server.fieldwork.internal.MediaMetadata;
import org.serveline.server.task.TaskId;
import org.serveline.server.web.ConflictException;
import org.serveline.server.web.InvalidRequestException;
import org.serveline.server.web.ProblemText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The photos and videos an agent takes at the address: only the assigned agent may upload, only while the
 * assignment is open; the size is limited while the bytes arrive, the type is read from the bytes (Tika), the
 * content is hashed and stored once, the EXIF time and GPS kept; each new file is a FIELD_UPLOAD audit event.
 */
@Service
public class FieldUploads {

    private final AssignmentRows rows;
    private final ContentAddressedFiles files;
    private final AuditTrail audit;
    private final FieldworkProperties properties;
    private final Clock clock;
    private final Tika tika = new Tika();

    FieldUploads(JdbcClient jdbc, AuditTrail audit, FieldworkProperties properties, Clock clock) {
        this.rows = new AssignmentRows(jdbc);
        this.files = new ContentAddressedFiles(properties.evidenceRoot());
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    public FieldUpload upload(long assignmentId, String agent, InputStream content, String fileName) {
        FieldAssignment assignment = rows.find(assignmentId).orElseThrow(() -> FieldAssignments.notFound(assignmentId));
        if (!agent.equals(assignment.agent())) {
            throw new NotYourAssignmentException(assignmentId);
        }
        if (!assignment.open()) {
            throw new ConflictException(ProblemText.of("field.closed",
                    "field assignment " + assignmentId + " is closed (" + assignment.outcome() + ")", assignmentId,
                    ProblemText.of("field.outcome." + assignment.outcome(), String.valueOf(assignment.outcome()))));
        }
        ContentAddressedFiles.Staged staged = files.stage(content, properties.maxUploadSize().toBytes());
        try {
            if (staged.size() == 0) {
                throw new InvalidRequestException("file", ProblemText.of("upload.empty", "the file is empty"));
            }
            String mediaType = sniff(staged);
            if (!properties.allowedTypes().contains(mediaType)) {
                throw new UnsupportedUploadException(mediaType, properties.allowedTypes());
            }
            MediaMetadata.Found found = MediaMetadata.read(staged.file());
            files.commit(staged);
            FieldUpload upload = new FieldUpload(0, assignmentId, staged.sha256(), staged.size(), mediaType,
                    safeName(fileName), found.takenAtLocal(), found.latitude(), found.longitude(), agent,
                    clock.instant().truncatedTo(ChronoUnit.MICROS));
            if (rows.insertUpload(upload)) {
                audit.append(new AuditRecord(new TaskId(assignment.taskId()).auditChain(), agent, "FIELD_UPLOAD",
                        FieldAssignments.subject(assignmentId), null, null, details(upload)));
            }
            return rows.upload(assignmentId, staged.sha256()).orElseThrow();
        } finally {
            files.discard(staged);
        }
    }

    private static Map<String, Object> details(FieldUpload upload) {
        Map<String, Object> details = new HashMap<>();
        details.put("assignment", upload.assignmentId());
        details.put("sha256", upload.sha256());
        details.put("size", upload.size());
        details.put("mediaType", upload.mediaType());
        details.put("fileName", upload.fileName());
        if (upload.takenAtLocal() != null) {
            details.put("exifTime", upload.takenAtLocal());
        }
        if (upload.latitude() != null) {
            details.put("gpsLatitude", upload.latitude());
            details.put("gpsLongitude", upload.longitude());
        }
        return details;
    }

    /**
     * The media type read from the bytes. tika-core knows MP4 only by the brands mp41/mp42 and calls every other
     * ISO base media file QuickTime; phones write MP4 with the brand isom (or iso2…, avc1): those are MP4 here.
     */
    private String sniff(ContentAddressedFiles.Staged staged) {
        try (InputStream in = Files.newInputStream(staged.file())) {
            String type = tika.detect(in);
            return "video/quicktime".equals(type) && isoMp4Brand(staged) ? "video/mp4" : type;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isoMp4Brand(ContentAddressedFiles.Staged staged) throws IOException {
        try (InputStream in = Files.newInputStream(staged.file())) {
            byte[] head = in.readNBytes(12);
            if (head.length < 12 || !"ftyp".equals(new String(head, 4, 4, StandardCharsets.US_ASCII))) {
                return false;
            }
            String brand = new String(head, 8, 4, StandardCharsets.US_ASCII);
            return brand.startsWith("iso") || brand.equals("avc1") || brand.startsWith("mp4");
        }
    }

    private static String safeName(String fileName) {
        if (fileName == null || fileName.isBlank()) {
            return "upload";
        }
        String base = fileName.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).strip();
        return base.isEmpty() ? "upload" : base.substring(0, Math.min(base.length(), 255));
    }
}
