package org.serveline.telephony.dialplan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
import org.serveline.pbxsim.ami.EventFilter;
import org.serveline.telephony.ami.AmiEvent;
import org.serveline.telephony.ami.Fixtures;
import org.serveline.telephony.ami.TappedTrace;
import org.serveline.telephony.ami.internal.ReadEvent;

/**
 * The {@code eventfilter} lines of the shipped AMI user ({@code config/asterisk/manager.conf}, {@code [serveline]})
 * against the events the code reads ({@link ReadEvent}) and every event of the real Asterisk 22 traces: each event
 * the code reads passes, every other one is held back, so the filter and the code cannot drift apart.
 */
class ManagerEventFilterTests {

    private static final Pattern LEGACY_EXAMPLE = Pattern.compile("^;\\s+(eventfilter = .*)$");

    /** Typed records of events the shipped filter holds back: converted if they come, read by no one today. */
    private static final Set<String> TYPED_BUT_NOT_READ = Set.of("dialbegin", "dtmfbegin", "dtmfend",
            "mixmonitorstart", "mixmonitorstop", "bridgeenter", "bridgeleave", "peerstatus");
    /** Records that are not queued events: a listing row of our own action, and the link's own news. */
    private static final Set<String> NOT_QUEUED = Set.of("coreshowchannel", "linklost", "linkup", "otherevent");

    private static EventFilter shipped;
    private static List<String> frames;

    @BeforeAll
    static void read() throws IOException {
        shipped = EventFilter.parse(EventFilter.linesOf(AsteriskConfigFile.directory().resolve("manager.conf"),
                "serveline"));
        frames = new ArrayList<>();
        try (Stream<Path> files = Files.list(Fixtures.dir())) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith("ami-") && name.endsWith(".raw")) {
                    for (String message : Files.readString(file, StandardCharsets.UTF_8).split("\r\n\r\n")) {
                        if (message.startsWith("Event: ")) {
                            frames.add(message + "\r\n\r\n");
                        }
                    }
                } else if (name.startsWith("serveline-") && name.endsWith(".txt")) {
                    TappedTrace.load(name).events().forEach(block -> frames.add(block.frame()));
                }
            }
        }
    }

    private static String header(String frame, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + ": ?(.*?)\r?$").matcher(frame);
        return m.find() ? m.group(1) : "";
    }

    private static boolean read(String frame) {
        return ReadEvent.isRead(header(frame, "Event"), header(frame, "Variable"));
    }

    @Test
    void everyEventTheCodeReadsPassesTheShippedFilter() {
        List<String> held = new ArrayList<>();
        for (ReadEvent event : ReadEvent.values()) {
            List<String> variables = event.variables().isEmpty() ? List.of("") : event.variables();
            for (String variable : variables) {
                String frame = "Event: " + event.event() + "\r\nPrivilege: " + event.privilege() + ",all\r\n"
                        + "Channel: Local/13800001001@lab-parties-00000001;1\r\nUniqueid: 1796012026.64\r\n"
                        + (variable.isEmpty() ? "" : "Variable: " + variable + "\r\nValue: 42\r\n") + "\r\n";
                if (!shipped.allows(frame)) {
                    held.add(event.event() + (variable.isEmpty() ? "" : " " + variable) + " (" + event.readers() + ")");
                }
            }
        }
        assertThat(held).as("events the code reads that manager.conf's eventfilter holds back").isEmpty();
    }

    @Test
    void theShippedFilterLetsThroughExactlyTheEventsOfTheRealTracesThatTheCodeReads() {
        assertThat(frames).hasSizeGreaterThan(500);
        Map<String, Integer> needlessly = new TreeMap<>();
        Map<String, Integer> lost = new TreeMap<>();
        for (String frame : frames) {
            String what = header(frame, "Event") + " " + header(frame, "Variable");
            boolean passes = shipped.allows(frame);
            if (passes && !read(frame)) {
                needlessly.merge(what.strip(), 1, Integer::sum);
            } else if (!passes && read(frame)) {
                lost.merge(what.strip(), 1, Integer::sum);
            }
        }
        assertThat(lost).as("events the code reads, held back").isEmpty();
        assertThat(needlessly).as("events no code reads, let through").isEmpty();
        assertThat(frames.stream().filter(ManagerEventFilterTests::read).map(f -> header(f, "Event")))
                .as("the traces exercise the filter's lines")
                .contains("Newchannel", "Newstate", "DialEnd", "HangupRequest", "SoftHangupRequest", "Hangup",
                        "OriginateResponse", "VarSet", "ContactStatus");
    }

    @Test
    void theLegacyLinesOfferedForOlderAsterisksSelectTheSameEvents() throws IOException {
        List<String> legacy = new ArrayList<>();
        for (String line : Files.readAllLines(AsteriskConfigFile.directory().resolve("manager.conf"))) {
            Matcher m = LEGACY_EXAMPLE.matcher(line);
            if (m.matches()) {
                legacy.add(m.group(1));
            }
        }
        assertThat(legacy).hasSize(2);
        EventFilter old = EventFilter.parse(legacy);
        List<String> differ = frames.stream().filter(f -> old.allows(f) != shipped.allows(f))
                .map(f -> header(f, "Event") + " " + header(f, "Variable")).distinct().toList();
        assertThat(differ).isEmpty();
        String handler = "Event: HangupHandlerPush\r\nPrivilege: dialplan,all\r\nChannel: PJSIP/a-1\r\n\r\n";
        assertThat(old.allows(handler)).as("'Hangup' is not a prefix match").isFalse();
    }

    @Test
    void readGrantsExactlyTheClassesOfTheEventsTheCodeReads() throws IOException {
        AsteriskConfigFile.Section user = AsteriskConfigFile.read("manager.conf").one("serveline");
        Set<String> read = Arrays.stream(user.values("read").getFirst().split(",")).map(String::strip)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(read).isEqualTo(Arrays.stream(ReadEvent.values()).map(ReadEvent::privilege)
                .collect(Collectors.toCollection(TreeSet::new)));
        // and each listed class is the one Asterisk 22 sent the event under
        for (String frame : frames) {
            ReadEvent.of(header(frame, "Event")).ifPresent(event -> assertThat(header(frame, "Privilege"))
                    .as(event.event()).isEqualTo(event.privilege() + ",all"));
        }
    }

    @Test
    void everyTypedEventRecordIsReadOrKnownToBeHeldBack() {
        for (Class<?> type : AmiEvent.class.getPermittedSubclasses()) {
            String name = type.getSimpleName().toLowerCase(Locale.ROOT);
            boolean read = Arrays.stream(ReadEvent.values()).anyMatch(e -> e.event().toLowerCase(Locale.ROOT)
                    .equals(name));
            assertThat(read || TYPED_BUT_NOT_READ.contains(name) || NOT_QUEUED.contains(name))
                    .as("AmiEvent.%s: list it in ReadEvent if the code reads it (the filter then needs a line), or "
                            + "in TYPED_BUT_NOT_READ", type.getSimpleName()).isTrue();
            assertThat(read && TYPED_BUT_NOT_READ.contains(name)).isFalse();
        }
    }

    @Test
    void aNoticeCallOfTheRealTraceCarriesAboutAThirdOfItsEvents() throws IOException {
        List<TappedTrace.Block> events = TappedTrace.load("serveline-notice-calls.txt").events();
        long calls = events.stream().filter(b -> b.frame().startsWith("Event: OriginateResponse\r\n")).count();
        long passing = events.stream().filter(b -> shipped.allows(b.frame())).count();
        assertThat(calls).isEqualTo(12);
        // 483 events for 12 calls unfiltered (40 a call), of which the filter lets 146 through (12 a call)
        assertThat(events).hasSize(483);
        assertThat(passing).isEqualTo(146);
    }
}
