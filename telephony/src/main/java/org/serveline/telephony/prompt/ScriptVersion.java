package org.serveline.telephony.prompt;

import java.util.Objects;

/**
 * Exactly which script a party heard: the template version and the SHA-256 of what was spoken.
 *
 * @param templateVersion e.g. {@code notice-v1.zh}
 * @param contentHash     hex SHA-256 of template version, voice and rendered text
 */
public record ScriptVersion(String templateVersion, String contentHash) {

    public ScriptVersion {
        Objects.requireNonNull(templateVersion, "templateVersion");
        Objects.requireNonNull(contentHash, "contentHash");
    }
}
