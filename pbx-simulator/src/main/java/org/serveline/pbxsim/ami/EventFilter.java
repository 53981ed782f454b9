package org.serveline.pbxsim.ami;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code eventfilter} lines of a manager.conf user, applied as Asterisk 22's manager.c applies them to the events
 * it queues for a session (not to the responses and listing rows of the session's own actions).
 *
 * <p>Two syntaxes, both of a line {@code key = pattern}:
 * <ul>
 *   <li>legacy, {@code eventfilter = Event: Newchannel}: a POSIX extended regex searched anywhere in the whole event
 *       text ({@code Event: ...\r\nPrivilege: ...\r\n...}); a leading {@code !} makes it an exclude filter. Being
 *       unanchored, {@code Event: Hangup} also matches {@code Event: HangupRequest}.</li>
 *   <li>advanced (Asterisk 18.26, 20.11, 21.6, 22.1 and later), {@code eventfilter(action(include|exclude),name(Event),header(Name),
 *       method(regex|exact|starts_with|ends_with|contains|none)) = pattern}: {@code name} compares the event name
 *       exactly and case-sensitively; {@code header} applies the pattern to the value of each line starting with
 *       {@code Name:} (blanks after the colon skipped) and matches if any does; without {@code header} the pattern
 *       applies to the whole event text. The method defaults to {@code none} (no pattern allowed), an empty
 *       pattern requires {@code none}, and a filter needs a name, a header or a pattern.</li>
 * </ul>
 * No filter: everything passes. Include filters only: an event passes when one matches. Exclude filters only: it
 * passes when none matches. Both: it must match an include filter and then no exclude filter.
 */
public final class EventFilter {

    /** The filter of a user without {@code eventfilter} lines: every event passes. */
    public static final EventFilter NONE = new EventFilter(List.of(), List.of());

    private enum Method { REGEX, EXACT, STARTS_WITH, ENDS_WITH, CONTAINS, NONE }

    private record Entry(String eventName, String headerPrefix, Method method, Pattern regex, String text) {

        boolean matches(String eventName, String eventData) {
            if (this.eventName != null && !this.eventName.equals(eventName)) {
                return false;
            }
            if (headerPrefix == null) {
                return test(eventData);
            }
            for (String line : eventData.split("\r?\n")) {
                if (line.startsWith(headerPrefix)) {
                    String value = line.substring(headerPrefix.length()).stripLeading();
                    if (!value.isEmpty() && test(value)) {
                        return true;
                    }
                }
            }
            return false;
        }

        private boolean test(String data) {
            return switch (method) {
                case REGEX -> regex.matcher(data).find();
                case EXACT -> data.equals(text);
                case STARTS_WITH -> data.startsWith(text);
                case ENDS_WITH -> data.endsWith(text);
                case CONTAINS -> data.contains(text);
                case NONE -> true;
            };
        }
    }

    private final List<Entry> include;
    private final List<Entry> exclude;

    private EventFilter(List<Entry> include, List<Entry> exclude) {
        this.include = List.copyOf(include);
        this.exclude = List.copyOf(exclude);
    }

    /**
     * Reads {@code eventfilter} lines as they stand in a manager.conf user section ({@code key = pattern}); other
     * lines are not allowed.
     *
     * @throws IllegalArgumentException for a line Asterisk would refuse ("Filter was formatted incorrectly"), with
     *                                  the line and the reason
     */
    public static EventFilter parse(List<String> lines) {
        List<Entry> include = new ArrayList<>();
        List<Entry> exclude = new ArrayList<>();
        for (String line : lines) {
            int equals = line.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("eventfilter line without '=': '" + line + "'");
            }
            String key = line.substring(0, equals).strip();
            String value = line.substring(equals + 1).strip();
            if (!key.regionMatches(true, 0, "eventfilter", 0, "eventfilter".length())) {
                throw new IllegalArgumentException("not an eventfilter line: '" + line + "'");
            }
            boolean excluding = value.startsWith("!");
            String pattern = excluding ? value.substring(1) : value;
            Entry entry;
            int open = key.indexOf('(');
            if (open < 0) {
                if (pattern.isEmpty()) {
                    throw new IllegalArgumentException("'" + line + "': legacy filter with no filter pattern");
                }
                entry = new Entry(null, null, Method.REGEX, regex(line, pattern), null);
            } else {
                Advanced advanced = Advanced.parse(line, key.substring(open + 1).strip(), excluding);
                excluding = advanced.excluding;
                entry = advanced.entry(line, pattern);
            }
            (excluding ? exclude : include).add(entry);
        }
        return new EventFilter(include, exclude);
    }

    /**
     * The {@code eventfilter} lines of section {@code [user]} of a manager.conf, comments ({@code ;}) dropped, in
     * their order; read them with {@link #parse}.
     */
    public static List<String> linesOf(Path managerConf, String user) throws IOException {
        List<String> lines = new ArrayList<>();
        boolean inUser = false;
        for (String raw : Files.readAllLines(managerConf, StandardCharsets.UTF_8)) {
            int comment = raw.indexOf(';');
            String line = (comment < 0 ? raw : raw.substring(0, comment)).strip();
            if (line.startsWith("[")) {
                inUser = line.startsWith("[" + user + "]");
            } else if (inUser && line.regionMatches(true, 0, "eventfilter", 0, "eventfilter".length())) {
                lines.add(line);
            }
        }
        return List.copyOf(lines);
    }

    /** Whether Asterisk would queue this event for the session. */
    public boolean allows(AmiMessage event) {
        return allows(event.getOrEmpty("Event"), event.encode());
    }

    /**
     * Whether Asterisk would queue this event for the session.
     *
     * @param eventName the value of its {@code Event} header
     * @param eventData its text as on the wire, {@code Event: ...\r\nPrivilege: ...\r\n...}
     */
    public boolean allows(String eventName, String eventData) {
        if (include.isEmpty() && exclude.isEmpty()) {
            return true;
        }
        if (!include.isEmpty() && include.stream().noneMatch(e -> e.matches(eventName, eventData))) {
            return false;
        }
        return exclude.stream().noneMatch(e -> e.matches(eventName, eventData));
    }

    /** Whether the event whose wire text this is passes; its name is the value of its first line's Event header. */
    public boolean allows(String eventData) {
        String first = eventData.lines().findFirst().orElse("");
        String name = first.regionMatches(true, 0, "Event:", 0, 6) ? first.substring(6).strip() : "";
        return allows(name, eventData);
    }

    public boolean isEmpty() {
        return include.isEmpty() && exclude.isEmpty();
    }

    private static Pattern regex(String line, String pattern) {
        try {
            // POSIX regexec without REG_NEWLINE: '.' also matches a line break, '^' and '$' the whole text's ends
            return Pattern.compile(posixClasses(pattern), Pattern.DOTALL);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("'" + line + "': filter did not compile: " + e.getDescription(), e);
        }
    }

    /** POSIX bracket classes ({@code [[:cntrl:]]}) in Java's words ({@code [\\p{Cntrl}]}). */
    private static String posixClasses(String pattern) {
        String java = pattern;
        for (String[] posix : new String[][] {{"alnum", "\\p{Alnum}"}, {"alpha", "\\p{Alpha}"},
                {"blank", " \\t"}, {"cntrl", "\\p{Cntrl}"}, {"digit", "0-9"}, {"graph", "\\p{Graph}"},
                {"lower", "a-z"}, {"print", "\\p{Print}"}, {"punct", "\\p{Punct}"}, {"space", "\\s"},
                {"upper", "A-Z"}, {"xdigit", "0-9A-Fa-f"}}) {
            java = java.replace("[:" + posix[0] + ":]", posix[1]);
        }
        return java;
    }

    /** The criteria of {@code eventfilter(...)}, read the way manager_add_filter reads them. */
    private static final class Advanced {
        private boolean excluding;
        private String name;
        private String header;
        private Method method = Method.NONE;

        static Advanced parse(String line, String criteria, boolean excluding) {
            if (criteria.isEmpty() || !criteria.endsWith(")")) {
                throw new IllegalArgumentException("'" + line + "': filter options not formatted correctly");
            }
            Advanced advanced = new Advanced();
            advanced.excluding = excluding;
            boolean found = false;
            for (String option : criteria.split("[ ,)]+")) {
                if (option.isEmpty()) {
                    continue;
                }
                int open = option.indexOf('(');
                String argument = open < 0 ? "" : option.substring(open + 1).strip();
                if (option.startsWith("action")) {
                    advanced.excluding = switch (argument) {
                        case "include" -> false;
                        case "exclude" -> true;
                        default -> throw new IllegalArgumentException("'" + line + "': action '" + argument
                                + "' is unknown");
                    };
                } else if (option.startsWith("name")) {
                    advanced.name = required(line, "name", argument);
                } else if (option.startsWith("header")) {
                    String header = required(line, "header", argument);
                    advanced.header = header.endsWith(":") ? header : header + ":";
                } else if (option.startsWith("method")) {
                    advanced.method = method(line, argument);
                } else {
                    throw new IllegalArgumentException("'" + line + "': filter option '" + option + "' is unknown");
                }
                found = true;
            }
            if (!found) {
                throw new IllegalArgumentException("'" + line + "': no action, name, header or method option");
            }
            return advanced;
        }

        Entry entry(String line, String pattern) {
            if (pattern.isEmpty() && method != Method.NONE) {
                throw new IllegalArgumentException("'" + line + "': method can't be " + method + " with no pattern");
            }
            if (!pattern.isEmpty() && method == Method.NONE) {
                throw new IllegalArgumentException("'" + line + "': method can't be none with a pattern");
            }
            if (name == null && header == null && method == Method.NONE) {
                throw new IllegalArgumentException("'" + line + "': no name or header option and no pattern");
            }
            return new Entry(name, header, method, method == Method.REGEX ? regex(line, pattern) : null,
                    method == Method.REGEX ? null : pattern);
        }

        private static String required(String line, String option, String argument) {
            if (argument.isEmpty()) {
                throw new IllegalArgumentException("'" + line + "': '" + option + "' not formatted correctly");
            }
            return argument;
        }

        private static Method method(String line, String argument) {
            return switch (Objects.requireNonNull(argument)) {
                case "regex" -> Method.REGEX;
                case "exact" -> Method.EXACT;
                case "starts_with" -> Method.STARTS_WITH;
                case "ends_with" -> Method.ENDS_WITH;
                case "contains" -> Method.CONTAINS;
                case "none" -> Method.NONE;
                default -> throw new IllegalArgumentException("'" + line + "': method '" + argument + "' is unknown");
            };
        }
    }
}
