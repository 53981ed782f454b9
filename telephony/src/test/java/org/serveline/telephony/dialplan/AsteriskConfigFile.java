package org.serveline.telephony.dialplan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An Asterisk .conf file read as sections of {@code key = value} / {@code key => value} lines, comments dropped. */
record AsteriskConfigFile(List<Section> sections) {

    private static final Pattern HEADER = Pattern.compile("^\\[([^\\]]+)](\\([^)]*\\))?\\s*$");
    private static final Pattern ENTRY = Pattern.compile("^([^=]+?)\\s*=>?\\s*(.*)$");

    record Entry(String key, String value) {
    }

    record Section(String name, String templates, List<Entry> entries) {

        List<String> values(String key) {
            return entries.stream().filter(entry -> entry.key().equals(key)).map(Entry::value).toList();
        }
    }

    /** {@code <repo>/config/asterisk}, found from the module directory the tests run in. */
    static Path directory() {
        Path fromModule = Path.of("..", "config", "asterisk");
        return Files.isDirectory(fromModule) ? fromModule : Path.of("config", "asterisk");
    }

    static AsteriskConfigFile read(String name) throws IOException {
        List<Section> sections = new ArrayList<>();
        Section current = null;
        for (String raw : Files.readAllLines(directory().resolve(name), StandardCharsets.UTF_8)) {
            int comment = raw.indexOf(';');
            String line = (comment < 0 ? raw : raw.substring(0, comment)).strip();
            if (line.isEmpty() || line.startsWith("#include")) {
                continue;
            }
            Matcher header = HEADER.matcher(line);
            Matcher entry = ENTRY.matcher(line);
            if (header.matches()) {
                current = new Section(header.group(1), header.group(2) == null ? "" : header.group(2),
                        new ArrayList<>());
                sections.add(current);
            } else if (entry.matches() && current != null) {
                current.entries().add(new Entry(entry.group(1).strip(), entry.group(2).strip()));
            } else {
                throw new IllegalStateException(name + ": cannot read line '" + raw + "'");
            }
        }
        return new AsteriskConfigFile(sections);
    }

    List<Section> all(String name) {
        return sections.stream().filter(section -> section.name().equals(name)).toList();
    }

    Section one(String name) {
        List<Section> found = all(name);
        if (found.size() != 1) {
            throw new AssertionError("expected one section [" + name + "], found " + found.size());
        }
        return found.getFirst();
    }
}
