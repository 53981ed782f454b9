package org.serveline.server.operator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.serveline.server.call.PbxGateway;
import org.serveline.server.call.PbxGateway.EndpointStatus;
import org.serveline.server.operator.internal.OperatorRows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Whom a party who presses 0 reaches live: each PBX's {@code SERVELINE_DEFAULT_OPERATORS} is kept to the
 * signed-in operators registered there that hold no task (all of its signed-in operators when every one is busy).
 * A PBX without signed-in operators keeps the value its dialplan configures. Published when it changes, after
 * each operator action and on a timer (registrations change without one).
 */
@Component
class TransferOperators {

    private static final Logger log = LoggerFactory.getLogger(TransferOperators.class);

    private final OperatorRows rows;
    private final EndpointRegistry endpoints;
    private final PbxGateway gateway;
    private final Map<String, List<String>> published = new ConcurrentHashMap<>();

    TransferOperators(OperatorRows rows, EndpointRegistry endpoints, PbxGateway gateway) {
        this.rows = rows;
        this.endpoints = endpoints;
        this.gateway = gateway;
    }

    @Scheduled(fixedDelayString = "${serveline.operators.transfer-refresh:PT10S}")
    void publish() {
        try {
            wanted().forEach(this::publish);
        } catch (RuntimeException e) {
            log.warn("could not publish the transfer operators: {}", e.toString());
        }
    }

    private void publish(String pbxId, List<String> operators) {
        if (operators.equals(published.get(pbxId)) || !gateway.isUp(pbxId)) {
            return;
        }
        gateway.publishTransferOperators(pbxId, operators).whenComplete((done, failure) -> {
            if (failure == null) {
                published.put(pbxId, operators);
            } else {
                log.warn("PBX {}: could not set the transfer operators to {}: {}", pbxId, operators,
                        failure.toString());
            }
        });
    }

    /** Per PBX: the free operators registered there, else all its signed-in ones. */
    Map<String, List<String>> wanted() {
        Map<String, List<String>> free = new LinkedHashMap<>();
        Map<String, List<String>> all = new LinkedHashMap<>();
        for (OperatorRows.Session session : rows.sessions()) {
            EndpointStatus status = endpoints.status(session.endpoint()).filter(EndpointStatus::registered)
                    .orElse(null);
            if (status == null) {
                continue;
            }
            all.computeIfAbsent(status.pbxId(), id -> new ArrayList<>()).add(session.endpoint());
            if (session.currentTaskId() == null) {
                free.computeIfAbsent(status.pbxId(), id -> new ArrayList<>()).add(session.endpoint());
            }
        }
        Map<String, List<String>> wanted = new LinkedHashMap<>();
        all.forEach((pbx, signedIn) -> wanted.put(pbx, List.copyOf(Objects.requireNonNullElse(free.get(pbx),
                signedIn))));
        return wanted;
    }
}
