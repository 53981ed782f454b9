package org.serveline.telephony.prompt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A versioned prompt text with {@code {name}} placeholders, loaded from a resource {@code <version>.txt} beside this
 * class. Lines starting with {@code #} are notes, not spoken.
 */
public final class PromptTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

    private final String version;
    private final String body;

    public PromptTemplate(String version, String body) {
        if (version == null || !version.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("bad template version: " + version);
        }
        this.version = version;
        this.body = body.lines().filter(line -> !line.startsWith("#")).map(String::strip)
                .filter(line -> !line.isEmpty()).collect(Collectors.joining("\n"));
    }

    /** Loads {@code <version>.txt} from the classpath, e.g. {@code notice-v1.zh}. */
    public static PromptTemplate load(String version) {
        try (InputStream in = PromptTemplate.class.getResourceAsStream(version + ".txt")) {
            if (in == null) {
                throw new PromptException("no prompt template " + version + ".txt on the classpath");
            }
            return new PromptTemplate(version, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException unreadable) {
            throw new PromptException("cannot read prompt template " + version, unreadable);
        }
    }

    public String version() {
        return version;
    }

    public Set<String> placeholders() {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(body);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** Fills every placeholder; throws {@link PromptException} when one has no (or a blank) value. */
    public String render(Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(body);
        StringBuilder text = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null || value.isBlank()) {
                throw new PromptException("template " + version + " needs a value for {" + matcher.group(1) + "}");
            }
            matcher.appendReplacement(text, Matcher.quoteReplacement(value.strip()));
        }
        return matcher.appendTail(text).toString();
    }
}
