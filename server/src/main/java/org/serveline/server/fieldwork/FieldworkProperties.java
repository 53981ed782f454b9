package org.serveline.server.fieldwork;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * In-person service ({@code serveline.fieldwork}): where the agents' photos and videos are kept, the largest
 * accepted and the media types accepted (sniffed from the bytes), and the field agents that new assignments go to
 * in turn (empty: a supervisor or reviewer assigns each one). {@code spring.servlet.multipart.max-file-size} must
 * be at least {@code max-upload-size}.
 */
@ConfigurationProperties("serveline.fieldwork")
public record FieldworkProperties(Path evidenceRoot, DataSize maxUploadSize, List<String> allowedTypes,
        List<String> agents) {

    public FieldworkProperties {
        evidenceRoot = evidenceRoot == null ? Path.of(System.getProperty("java.io.tmpdir"), "serveline", "field-evidence")
                : evidenceRoot;
        maxUploadSize = maxUploadSize == null ? DataSize.ofMegabytes(20) : maxUploadSize;
        allowedTypes = allowedTypes == null || allowedTypes.isEmpty() ? List.of("image/jpeg", "image/png", "video/mp4")
                : List.copyOf(allowedTypes);
        agents = agents == null ? List.of() : List.copyOf(agents);
    }
}
