package org.serveline.telephony.dialplan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.serveline.telephony.ami.Fixtures;
import org.serveline.telephony.ami.internal.ReadEvent;
import org.serveline.telephony.ami.internal.SentAction;
import org.serveline.telephony.dialplan.AsteriskConfigFile.Section;

/**
 * The shipped AMI user ({@code config/asterisk/manager.conf}, section {@code [serveline]}) may send every action the
 * code can send ({@link SentAction}, which the connection enforces) and receive every event the code reads
 * ({@link ReadEvent}), and is granted nothing more. What Asterisk 22 requires comes from the real traces:
 * {@code ami-listcommands.txt} (each action's {@code Priv:}) and the {@code Privilege:} header of each event.
 */
class ManagerPrivilegesTests {

    private static final Pattern COMMAND = Pattern.compile("^<< (\\w+): .*\\(Priv: ([^)]*)\\)\\s*$");
    private static final Pattern EVENT = Pattern.compile("^(?:<< )?Event: (\\w+)$");
    private static final Pattern PRIVILEGE = Pattern.compile("^(?:<< )?Privilege: ([\\w,]+)$");

    /** Events the code reads that none of the traces holds, with the class Asterisk 22's docs give them. */
    private static final Map<String, String> NOT_IN_TRACES = Map.of("localoptimizationbegin", "call");

    private static Map<String, Set<String>> actionPrivileges;
    private static Map<String, Set<String>> eventPrivileges;
    private static Set<String> read;
    private static Set<String> write;

    @BeforeAll
    static void read() throws IOException {
        actionPrivileges = new HashMap<>();
        for (String line : Files.readAllLines(Fixtures.file("ami-listcommands.txt"), StandardCharsets.UTF_8)) {
            Matcher m = COMMAND.matcher(line);
            if (m.matches()) {
                actionPrivileges.put(m.group(1).toLowerCase(Locale.ROOT), classes(m.group(2)));
            }
        }
        eventPrivileges = new HashMap<>();
        try (Stream<Path> files = Files.list(Fixtures.dir())) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".txt")).sorted().toList()) {
                String event = null;
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    Matcher e = EVENT.matcher(line);
                    Matcher p = PRIVILEGE.matcher(line);
                    if (e.matches()) {
                        event = e.group(1).toLowerCase(Locale.ROOT);
                    } else if (p.matches() && event != null) {
                        eventPrivileges.putIfAbsent(event, classes(p.group(1)));
                        event = null;
                    }
                }
            }
        }
        Section user = AsteriskConfigFile.read("manager.conf").one("serveline");
        read = classes(user.values("read").getFirst());
        write = classes(user.values("write").getFirst());
    }

    /** {@code system,reporting,all} as {system, reporting}: "all" is granted to no one here. */
    private static Set<String> classes(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).map(s -> s.toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty() && !s.equals("all") && !s.equals("<none>"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void theFixtureListsEveryActionWithItsPrivilege() {
        assertThat(actionPrivileges).hasSizeGreaterThan(100).containsEntry("originate", Set.of("originate"))
                .containsEntry("pjsipshowcontacts", Set.of("system")).containsEntry("ping", Set.of());
        assertThat(eventPrivileges).containsEntry("contactstatus", Set.of("system"))
                .containsEntry("hangup", Set.of("call"));
    }

    @Test
    void everyActionTheCodeSendsIsAllowedByWrite() {
        Map<String, String> refused = new TreeMap<>();
        for (SentAction action : SentAction.values()) {
            Set<String> needs = actionPrivileges.get(action.action().toLowerCase(Locale.ROOT));
            assertThat(needs).as("%s is not an action of Asterisk 22 (ami-listcommands.txt)", action.action())
                    .isNotNull();
            // Asterisk runs an action when the user's write= shares any class with the action's privilege
            if (!needs.isEmpty() && needs.stream().noneMatch(write::contains)) {
                refused.put(action.action(), "needs one of " + needs + " (" + action.why() + ")");
            }
        }
        assertThat(refused).as("actions Asterisk would answer 'Permission denied' with write=" + write).isEmpty();
    }

    @Test
    void writeGrantsNoClassThatNoSentActionNeeds() {
        Set<String> used = new LinkedHashSet<>();
        for (SentAction action : SentAction.values()) {
            Set<String> needs = actionPrivileges.get(action.action().toLowerCase(Locale.ROOT));
            // a class counts as needed when the action can be run with it
            needs.stream().filter(write::contains).forEach(used::add);
        }
        assertThat(write).as("write= classes no sent action needs").isSubsetOf(used);
        assertThat(write).doesNotContain("system", "command", "config");
    }

    @Test
    void readCoversEveryEventTheCodeReadsAndNothingMore() {
        Map<String, Set<String>> needed = new TreeMap<>();
        for (ReadEvent event : ReadEvent.values()) {
            String name = event.event().toLowerCase(Locale.ROOT);
            Set<String> privilege = eventPrivileges.get(name);
            if (privilege == null && NOT_IN_TRACES.containsKey(name)) {
                privilege = Set.of(NOT_IN_TRACES.get(name));
            }
            assertThat(privilege).as("the Privilege of event %s (in no trace; add it to NOT_IN_TRACES from "
                    + "Asterisk's AMI event docs)", event.event()).isNotNull();
            assertThat(privilege).as("ReadEvent.%s's class", event).containsExactly(event.privilege());
            needed.put(name, privilege);
        }
        assertThat(needed).containsKeys("hangup", "contactstatus", "varset", "softhanguprequest");

        Map<String, Set<String>> unread = needed.entrySet().stream()
                .filter(e -> e.getValue().stream().noneMatch(read::contains))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(unread).as("events Asterisk would not send with read=" + read).isEmpty();
        Set<String> used = needed.values().stream().flatMap(Set::stream).filter(read::contains)
                .collect(Collectors.toSet());
        assertThat(read).as("read= classes no event the code reads needs").isSubsetOf(used);
    }
}
