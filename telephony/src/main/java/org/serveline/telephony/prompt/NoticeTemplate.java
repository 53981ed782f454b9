package org.serveline.telephony.prompt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The notice's wording, cut into segments the party hears one after another, so that a key pressed during the
 * notice can be placed (which segment, how far into it) and the question can be asked on its own. A file holds
 * {@code [name]} headers, each followed by its text; {@code [name?]} marks an optional segment, left out when one
 * of its placeholders has no value (no hearing, no published number). The last segment must be {@code [question]}.
 * Lines starting with {@code #} are notes. A changed wording is a new version: the version is evidence.
 */
public final class NoticeTemplate {

    public static final String QUESTION = "question";
    private static final Pattern HEADER = Pattern.compile("^\\[([a-z][a-z0-9-]*)(\\??)]$");

    /**
     * One segment of the notice.
     *
     * @param name     e.g. {@code greeting}, {@code hearing}, {@code question}
     * @param optional left out when a placeholder has no value
     * @param template its text, versioned {@code <notice version>.<name>}
     */
    public record Segment(String name, boolean optional, PromptTemplate template) {
    }

    private final String version;
    private final List<Segment> segments;

    private NoticeTemplate(String version, List<Segment> segments) {
        this.version = version;
        this.segments = List.copyOf(segments);
    }

    /** Parses {@code text}; throws {@link PromptException} naming the fault when it is no notice template. */
    public static NoticeTemplate parse(String version, String text) {
        if (version == null || !version.matches("[A-Za-z0-9._-]+")) {
            throw new PromptException("bad notice template version: " + version);
        }
        List<Segment> segments = new ArrayList<>();
        String name = null;
        boolean optional = false;
        StringBuilder body = new StringBuilder();
        for (String line : text.lines().map(String::strip).toList()) {
            if (line.startsWith("#") || line.isEmpty()) {
                continue;
            }
            Matcher header = HEADER.matcher(line);
            if (header.matches()) {
                add(version, segments, name, optional, body);
                name = header.group(1);
                optional = !header.group(2).isEmpty();
                body.setLength(0);
            } else if (name == null) {
                throw new PromptException("notice template " + version + ": text before the first [segment] header: '"
                        + line + "'");
            } else {
                body.append(line).append('\n');
            }
        }
        add(version, segments, name, optional, body);
        if (segments.isEmpty() || !segments.getLast().name().equals(QUESTION) || segments.getLast().optional()) {
            throw new PromptException("notice template " + version + " must end with a [" + QUESTION + "] segment");
        }
        if (segments.stream().map(Segment::name).distinct().count() != segments.size()) {
            throw new PromptException("notice template " + version + " names a segment twice");
        }
        return new NoticeTemplate(version, segments);
    }

    private static void add(String version, List<Segment> segments, String name, boolean optional,
            StringBuilder body) {
        if (name == null) {
            return;
        }
        if (body.toString().isBlank()) {
            throw new PromptException("notice template " + version + ": segment [" + name + "] is empty");
        }
        segments.add(new Segment(name, optional, new PromptTemplate(version + "." + name, body.toString())));
    }

    /** Loads {@code <version>.txt} beside this class, e.g. {@code notice-v2.zh}. */
    public static NoticeTemplate load(String version) {
        try (InputStream in = NoticeTemplate.class.getResourceAsStream(version + ".txt")) {
            if (in == null) {
                throw new PromptException("no notice template " + version + ".txt on the classpath");
            }
            return parse(version, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException unreadable) {
            throw new PromptException("cannot read notice template " + version, unreadable);
        }
    }

    /** Reads a court's own wording from {@code file}; its version is the file name without {@code .txt}. */
    public static NoticeTemplate read(Path file) {
        String name = file.getFileName().toString();
        String version = name.endsWith(".txt") ? name.substring(0, name.length() - 4) : name;
        try {
            return parse(version, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException unreadable) {
            throw new PromptException("cannot read the notice template " + file + ": " + unreadable.getMessage(),
                    unreadable);
        }
    }

    public String version() {
        return version;
    }

    public List<Segment> segments() {
        return segments;
    }

    public Segment question() {
        return segments.getLast();
    }

    /** Whether the segment is spoken with these values: required ones always (and fail without a value). */
    static boolean spoken(Segment segment, Map<String, String> values) {
        return !segment.optional() || segment.template().placeholders().stream()
                .allMatch(name -> values.get(name) != null && !values.get(name).isBlank());
    }
}
