package org.serveline.server.pbx;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.serveline.server.call.PbxGateway.EndpointStatus;
import org.serveline.telephony.ami.AmiEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Which operator phones are registered: asked of every PBX whose link is up (PJSIPShowContacts), and followed from
 * then on through AMI ContactStatus events.
 */
@Component
class SipRegistrations {

    private static final Logger log = LoggerFactory.getLogger(SipRegistrations.class);

    private final PbxConnections connections;
    private final Clock clock;
    private final List<Consumer<EndpointStatus>> listeners = new CopyOnWriteArrayList<>();

    SipRegistrations(PbxConnections connections, Clock clock) {
        this.connections = connections;
        this.clock = clock;
        connections.onEvent(this::contactStatus);
    }

    CompletableFuture<List<EndpointStatus>> registeredEndpoints() {
        List<CompletableFuture<List<EndpointStatus>>> queries = connections.all().stream()
                .filter(pbx -> pbx.link().health().isUp())
                .map(pbx -> pbx.link().contacts().thenApply(contacts -> contacts.stream()
                        .map(c -> new EndpointStatus(c.pbxId(), "PJSIP/" + c.endpoint(), c.isReachable(), c.status(),
                                clock.instant())).toList())
                        .exceptionally(failure -> {
                            log.warn("PBX {}: could not list PJSIP contacts: {}", pbx.config().id(), failure.toString());
                            return List.of();
                        }))
                .toList();
        return CompletableFuture.allOf(queries.toArray(CompletableFuture[]::new)).thenApply(done -> queries.stream()
                .flatMap(q -> q.join().stream()).toList());
    }

    void onEndpointStatus(Consumer<EndpointStatus> listener) {
        listeners.add(listener);
    }

    private void contactStatus(String pbxId, AmiEvent event) {
        if (event instanceof AmiEvent.ContactStatus contact && !contact.endpoint().isBlank()) {
            boolean registered = !contact.status().equalsIgnoreCase("Removed")
                    && !contact.status().equalsIgnoreCase("Unreachable");
            EndpointStatus status = new EndpointStatus(pbxId, "PJSIP/" + contact.endpoint(), registered,
                    contact.status(), contact.receivedAt());
            for (Consumer<EndpointStatus> listener : listeners) {
                try {
                    listener.accept(status);
                } catch (RuntimeException e) {
                    log.warn("endpoint status listener failed on {}: {}", status, e.toString());
                }
            }
        }
    }
}
