package org.serveline.telephony.prompt;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A notice rendered for one party: the segments before the question, in order, and the question.
 *
 * @param version  the template version and the SHA-256 over every segment's content hash: what the party heard
 * @param segments the segments before the question (optional ones without a value left out)
 * @param question the consent question, the notice's last segment, also asked on its own
 */
public record RenderedNotice(ScriptVersion version, List<RenderedSegment> segments, RenderedSegment question) {

    public RenderedNotice {
        Objects.requireNonNull(version, "version");
        segments = List.copyOf(segments);
        Objects.requireNonNull(question, "question");
    }

    /** The text of each segment, in the order played, the question last: the wording kept as evidence. */
    public Map<String, String> wording() {
        Map<String, String> wording = new LinkedHashMap<>();
        segments.forEach(segment -> wording.put(segment.name(), segment.prompt().text()));
        wording.put(question.name(), question.prompt().text());
        return wording;
    }

    /**
     * The identity of a notice as played: the SHA-256 of the template version and each segment's name and content
     * hash (which covers that segment's template version, voice and text).
     */
    static ScriptVersion versionOf(String templateVersion, List<RenderedSegment> all) {
        StringBuilder parts = new StringBuilder(templateVersion).append('\n');
        all.forEach(s -> parts.append(s.name()).append('=').append(s.prompt().version().contentHash()).append('\n'));
        return new ScriptVersion(templateVersion, PromptRenderer.sha256(parts.toString()));
    }
}
