package org.serveline.server.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.serveline.server.call.PbxGateway;
import org.serveline.server.call.PbxGateway.EndpointStatus;

class EndpointRegistryTests {

    private static final Instant T0 = Instant.parse("2026-11-27T04:00:00Z");

    /** A gateway whose contact listing the test sets and whose ContactStatus events the test fires. */
    private static final class Contacts implements PbxGateway {
        volatile CompletableFuture<List<EndpointStatus>> listing = CompletableFuture.completedFuture(List.of());
        Consumer<EndpointStatus> listener;
        int listings;

        @Override
        public List<Trunk> trunks() {
            return List.of();
        }

        @Override
        public boolean isUp(String pbxId) {
            return true;
        }

        @Override
        public CompletableFuture<Void> originate(OutboundCall call) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<Set<String>> liveAttemptIds(String pbxId) {
            return CompletableFuture.completedFuture(Set.of());
        }

        @Override
        public CompletableFuture<List<EndpointStatus>> registeredEndpoints() {
            listings++;
            return listing;
        }

        @Override
        public void onEndpointStatus(Consumer<EndpointStatus> listener) {
            this.listener = listener;
        }
    }

    private final Contacts gateway = new Contacts();
    private final EndpointRegistry registry = new EndpointRegistry(gateway,
            new OperatorProperties(null, null, null, null, "test", null, null));

    @Test
    void contactStatusEventsRegisterAndUnregisterAnEndpoint() {
        gateway.listener.accept(new EndpointStatus("pbx-1", "PJSIP/agent100", true, "Created", T0));
        assertThat(registry.status("PJSIP/agent100")).hasValueSatisfying(s -> assertThat(s.registered()).isTrue());

        gateway.listener.accept(new EndpointStatus("pbx-1", "PJSIP/agent100", false, "Removed", T0.plusSeconds(5)));
        assertThat(registry.status("PJSIP/agent100")).hasValueSatisfying(s -> {
            assertThat(s.registered()).isFalse();
            assertThat(s.status()).isEqualTo("Removed");
        });
    }

    @Test
    void theSameStateSeenAgainKeepsWhenItBeganSoTheBoardShowsTimeInThatState() {
        gateway.listener.accept(new EndpointStatus("pbx-1", "PJSIP/agent100", true, "Not in use", T0));
        gateway.listing = CompletableFuture.completedFuture(List.of(
                new EndpointStatus("pbx-1", "PJSIP/agent100", true, "Not in use", T0.plusSeconds(60))));
        registry.refresh();
        assertThat(registry.status("PJSIP/agent100").orElseThrow().at()).isEqualTo(T0);

        gateway.listener.accept(new EndpointStatus("pbx-1", "PJSIP/agent100", true, "In use", T0.plusSeconds(90)));
        assertThat(registry.status("PJSIP/agent100").orElseThrow().at()).as("a new state")
                .isEqualTo(T0.plusSeconds(90));
        assertThat(SoftphoneState.of(registry.status("PJSIP/agent100").orElseThrow().status()))
                .isEqualTo(SoftphoneState.INUSE);
    }

    @Test
    void aLateEventDoesNotOverrideANewerOne() {
        gateway.listener.accept(new EndpointStatus("pbx-1", "PJSIP/agent100", true, "Reachable", T0.plusSeconds(10)));
        gateway.listener.accept(new EndpointStatus("pbx-1", "PJSIP/agent100", false, "Unreachable", T0));

        assertThat(registry.status("PJSIP/agent100").orElseThrow().registered()).isTrue();
    }

    @Test
    void aListingMarksEndpointsThePbxNoLongerListsAsUnregistered() {
        gateway.listener.accept(new EndpointStatus("pbx-1", "PJSIP/agent100", true, "Reachable", T0));
        gateway.listener.accept(new EndpointStatus("pbx-2", "PJSIP/agent200", true, "Reachable", T0));
        gateway.listing = CompletableFuture.completedFuture(List.of(
                new EndpointStatus("pbx-1", "PJSIP/agent101", true, "Reachable", T0.plusSeconds(1))));

        registry.refresh();

        assertThat(registry.status("PJSIP/agent100").orElseThrow().registered()).isFalse();
        assertThat(registry.status("PJSIP/agent101").orElseThrow().registered()).isTrue();
        assertThat(registry.status("PJSIP/agent200").orElseThrow().registered()).as("pbx-2 did not answer").isTrue();
    }

    @Test
    void aFailedListingKeepsWhatIsKnownAndAnUnknownEndpointIsListedOnce() {
        gateway.listing = CompletableFuture.failedFuture(new IllegalStateException("PBX down"));

        assertThat(registry.statusOrRefresh("PJSIP/agent100")).isEmpty();
        assertThat(gateway.listings).isEqualTo(1);
        gateway.listener.accept(new EndpointStatus("pbx-1", "PJSIP/agent100", true, "Reachable", T0));
        assertThat(registry.statusOrRefresh("PJSIP/agent100")).isPresent();
        assertThat(gateway.listings).isEqualTo(1);
    }
}
