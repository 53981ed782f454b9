package org.serveline.telephony.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The agent100 softphone unregistering and registering again (real trace) comes out as ContactStatus and
 * PeerStatus records naming the endpoint; the expected values are read from the raw frames themselves.
 */
@Timeout(30)
class RegistrationTraceIntegrationTests {

    @Test
    void contactAndPeerStatusRecordsCarryEndpointAndStatus() throws Exception {
        AmiTrace trace = AmiTrace.load("agent100-register");
        List<String> frames = trace.segmentsByActionId().values().stream().flatMap(List::stream).toList();
        List<List<String>> expectedContacts = frames.stream().filter(f -> f.startsWith("Event: ContactStatus\r\n"))
                .map(f -> List.of(AmiTrace.header(f, "EndpointName").orElseThrow(),
                        AmiTrace.header(f, "AOR").orElseThrow(), AmiTrace.header(f, "ContactStatus").orElseThrow(),
                        AmiTrace.header(f, "URI").orElseThrow()))
                .toList();
        List<List<String>> expectedPeers = frames.stream().filter(f -> f.startsWith("Event: PeerStatus\r\n"))
                .map(f -> List.of(AmiTrace.header(f, "Peer").orElseThrow(),
                        AmiTrace.header(f, "PeerStatus").orElseThrow()))
                .toList();
        assertThat(expectedContacts).hasSize(2);
        assertThat(expectedPeers).hasSize(2);

        List<AmiEvent> seen = new CopyOnWriteArrayList<>();
        try (FakeAmiServer server = new FakeAmiServer(trace.banner(), new ReplayScript(trace));
             PbxLink link = PbxLink.asterisk(server.config("register"), Clock.systemUTC())) {
            link.subscribe(seen::add);
            link.start();
            await().until(() -> seen.stream().filter(e -> e instanceof AmiEvent.ContactStatus
                    || e instanceof AmiEvent.PeerStatus).count() == 4);
        }

        assertThat(seen).filteredOn(AmiEvent.ContactStatus.class::isInstance)
                .map(e -> (AmiEvent.ContactStatus) e)
                .map(c -> List.of(c.endpoint(), c.aor(), c.status(), c.uri()))
                .containsExactlyElementsOf(expectedContacts);
        assertThat(seen).filteredOn(AmiEvent.PeerStatus.class::isInstance)
                .map(e -> (AmiEvent.PeerStatus) e)
                .allSatisfy(p -> {
                    assertThat(p.endpoint()).isEqualTo("agent100");
                    assertThat(p.channelType()).isEqualTo("PJSIP");
                })
                .map(p -> List.of(p.peer(), p.status()))
                .containsExactlyElementsOf(expectedPeers);
        assertThat(seen).anyMatch(e -> e instanceof AmiEvent.OtherEvent o && o.name().equals("DeviceStateChange")
                && "PJSIP/agent100".equals(o.headers().get("Device")));
    }
}
