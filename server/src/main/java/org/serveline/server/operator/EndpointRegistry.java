package org.serveline.server.operator;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.serveline.server.call.PbxGateway;
import org.serveline.server.call.PbxGateway.EndpointStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Which SIP endpoints are registered, as this node's AMI links report it: a DeviceStateList listing when asked
 * ({@link #refresh()}; it also finds a softphone that registered before Serveline connected, for which no
 * ContactStatus event ever comes), then every ContactStatus change. DeviceStateList needs only the shipped
 * {@code write=reporting}; PJSIPShowContacts would need {@code write=system}.
 */
@Component
class EndpointRegistry {

    private static final Logger log = LoggerFactory.getLogger(EndpointRegistry.class);

    private final PbxGateway gateway;
    private final Duration timeout;
    private final Map<String, EndpointStatus> statuses = new ConcurrentHashMap<>();

    EndpointRegistry(PbxGateway gateway, OperatorProperties properties) {
        this.gateway = gateway;
        this.timeout = properties.pbxTimeout();
        gateway.onEndpointStatus(this::update);
    }

    /** A later word replaces an earlier one; the same word again keeps when it was first seen (time in that state). */
    void update(EndpointStatus status) {
        statuses.merge(status.endpoint(), status,
                (old, now) -> now.at().isBefore(old.at()) || same(old, now) ? old : now);
    }

    private static boolean same(EndpointStatus old, EndpointStatus now) {
        return old.registered() == now.registered() && Objects.equals(old.pbxId(), now.pbxId())
                && SoftphoneState.of(old.status()) == SoftphoneState.of(now.status());
    }

    /** Asks every PBX for its contacts; an endpoint a PBX no longer lists is marked unregistered there. */
    void refresh() {
        List<EndpointStatus> listed;
        try {
            listed = gateway.registeredEndpoints().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.warn("could not list registered endpoints: {}", e.toString());
            return;
        }
        Set<String> answered = listed.stream().map(EndpointStatus::pbxId).collect(Collectors.toSet());
        Set<String> seen = listed.stream().map(EndpointStatus::endpoint).collect(Collectors.toSet());
        statuses.replaceAll((endpoint, status) -> answered.contains(status.pbxId()) && !seen.contains(endpoint)
                && status.registered() ? new EndpointStatus(status.pbxId(), endpoint, false, "not listed", status.at())
                : status);
        listed.forEach(this::update);
    }

    /** Catches up with changes missed while a link was down; only once some endpoint is of interest. */
    @Scheduled(fixedDelayString = "${serveline.operators.registration-refresh:PT1M}",
            initialDelayString = "${serveline.operators.registration-refresh:PT1M}")
    void refreshKnown() {
        if (!statuses.isEmpty()) {
            refresh();
        }
    }

    Optional<EndpointStatus> status(String endpoint) {
        return Optional.ofNullable(statuses.get(endpoint));
    }

    /** The status, listing the PBXs once if nothing is known about the endpoint yet. */
    Optional<EndpointStatus> statusOrRefresh(String endpoint) {
        if (!statuses.containsKey(endpoint)) {
            refresh();
        }
        return status(endpoint);
    }
}
