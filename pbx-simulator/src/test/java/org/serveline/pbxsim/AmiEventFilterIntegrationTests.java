package org.serveline.pbxsim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.serveline.pbxsim.ami.AmiMessage;
import org.serveline.pbxsim.ami.EventFilter;
import org.serveline.pbxsim.party.PartyBehaviour;
import org.serveline.pbxsim.party.PartyTiming;
import org.serveline.pbxsim.pjsip.ContactActions;

/**
 * The AMI user with the eventfilter lines of the shipped {@code config/asterisk/manager.conf}: the simulator sends
 * its sessions only the events those lines let through, as Asterisk 22 does, and still answers the session's own
 * listings in full.
 */
@Timeout(60)
class AmiEventFilterIntegrationTests {

    /** What the shipped lines let through; FullyBooted is written straight to a session at login, not queued. */
    private static final Set<String> PASSING = Set.of("Newchannel", "Newstate", "DialEnd", "HangupRequest",
            "SoftHangupRequest", "Hangup", "OriginateResponse", "LocalOptimizationBegin", "VarSet", "ContactStatus",
            "FullyBooted");

    @TempDir
    Path spool;

    static List<String> shippedLines() throws IOException {
        Path conf = Path.of("..", "config", "asterisk", "manager.conf");
        if (!Files.exists(conf)) {
            conf = Path.of("config", "asterisk", "manager.conf");
        }
        return EventFilter.linesOf(conf, "serveline");
    }

    @Test
    void theSimulatorsCopyOfTheShippedLinesIsTheShippedLines() throws IOException {
        assertThat(shippedLines()).isNotEmpty().isEqualTo(SimulatorConfig.servelineEventFilter());
    }

    @Test
    void callsUnderTheShippedFilterCarryOnlyTheEventsItLetsThroughAndExactlyThose() throws Exception {
        EventFilter shipped = EventFilter.parse(shippedLines());
        List<AmiMessage> all = calls(List.of());
        List<AmiMessage> filtered = calls(shippedLines());

        assertThat(filtered).extracting(m -> m.getOrEmpty("Event")).isSubsetOf(PASSING)
                .contains("Newchannel", "Newstate", "Hangup", "OriginateResponse", "VarSet");
        assertThat(filtered).filteredOn(m -> m.getOrEmpty("Event").equals("VarSet"))
                .extracting(m -> m.getOrEmpty("Variable"))
                .allMatch(v -> v.endsWith("SERVELINE_ATTEMPT_ID") || v.equals("AMDSTATUS") || v.equals("AMDCAUSE"));
        assertThat(all).extracting(m -> m.getOrEmpty("Event"))
                .contains("DialBegin", "LocalBridge", "MixMonitorStart", "SuccessfulAuth");
        // the same calls, with what the filter holds back taken out: the simulator filters as the filter reads
        assertThat(names(filtered)).isEqualTo(names(all.stream()
                .filter(m -> m.getOrEmpty("Event").equals("FullyBooted") || shipped.allows(m)).toList()));
        assertThat(filtered.size()).isLessThan(all.size() / 2);
    }

    @Test
    void theSessionsOwnListingIsNotFiltered() throws IOException {
        try (PbxSimulator simulator = new PbxSimulator(SimulatorConfig.builder().spoolDir(spool).timeScale(0.01)
                .amiEventFilter(shippedLines())
                .contacts(List.of(new ContactActions.Contact("agent100", "sip:agent100@127.0.0.1:5062"))).build())) {
            try (TestAmiClient client = TestAmiClient.loggedIn(simulator.start().ami(), true)) {
                client.send("Action: DeviceStateList", "ActionID: d1");
                List<AmiMessage> list = client.readUntil(m -> !m.isEmpty()
                        && m.getLast().getOrEmpty("Event").equals("DeviceStateListComplete"));
                assertThat(list).extracting(m -> m.getOrEmpty("Event")).contains("DeviceStateChange");
                assertThat(list).filteredOn(m -> m.getOrEmpty("Event").equals("DeviceStateChange"))
                        .extracting(m -> m.getOrEmpty("Device")).containsExactly("PJSIP/agent100");
            }
        }
    }

    @Test
    void aLineAsteriskWouldRefuseStopsTheSimulatorFromStarting() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SimulatorConfig.builder()
                .amiEventFilter(List.of("eventfilter(name(VarSet),method(exact)) =")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("method can't be");
    }

    /** A consent call (notice app, AMD, recording) and a busy one; every message the session read after login. */
    private List<AmiMessage> calls(List<String> filter) throws Exception {
        Duration hold = Duration.ofMinutes(2);
        try (TestAgiServer agi = new TestAgiServer(PartyBehaviourIntegrationTests.NOTICE_APP);
             PbxSimulator simulator = new PbxSimulator(SimulatorConfig.builder().timeScale(0.01).spoolDir(spool)
                     .party("1001", new PartyBehaviour.Consent(PartyTiming.DEFAULT.withHoldTime(hold)))
                     .amiEventFilter(filter).build())) {
            List<AmiMessage> messages = new ArrayList<>();
            try (TestAmiClient client = TestAmiClient.loggedIn(simulator.start().ami(), true)) {
                messages.addAll(SimulatedCall.run(client, "1001", agi.port()));
                messages.addAll(SimulatedCall.run(client, "1004", agi.port()));
            }
            PbxSimulator.AmiEventCounts counts = simulator.amiEvents();
            assertThat(counts.filtered() > 0).isEqualTo(!filter.isEmpty());
            return messages.stream().filter(m -> m.get("Event").isPresent()).toList();
        }
    }

    private static List<String> names(List<AmiMessage> events) {
        return events.stream().map(m -> m.getOrEmpty("Event") + "/" + m.getOrEmpty("Channel").replaceAll("-[0-9a-f]+;",
                ";") + "/" + m.getOrEmpty("Variable")).sorted().toList(); // two runs may interleave channels apart
    }
}
