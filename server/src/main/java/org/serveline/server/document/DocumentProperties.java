package org.serveline.server.document;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Where uploaded documents are kept and what is accepted ({@code serveline.documents}). The HTTP multipart
 * limit ({@code spring.servlet.multipart.max-file-size}) must be at least {@code max-size}.
 */
@ConfigurationProperties("serveline.documents")
public record DocumentProperties(Path root, DataSize maxSize, List<String> allowedTypes) {

    public DocumentProperties {
        root = root == null ? Path.of(System.getProperty("java.io.tmpdir"), "serveline", "documents") : root;
        maxSize = maxSize == null ? DataSize.ofMegabytes(20) : maxSize;
        allowedTypes = allowedTypes == null || allowedTypes.isEmpty()
                ? List.of("application/pdf", "image/png", "image/jpeg", "application/ofd",
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
                : List.copyOf(allowedTypes);
    }
}
