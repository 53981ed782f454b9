package org.serveline.server.pbx;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.serveline.server.call.PbxGateway;
import org.springframework.stereotype.Component;

/**
 * The dialer's and the operators' way to the PBXs ({@link PbxGateway}), over the telephony module. It only routes:
 * the connections ({@link PbxConnections}), notice calls ({@link NoticeCalls}), operator calls
 * ({@link OperatorCallOriginator}), actions on live channels ({@link LiveChannels}), phone registrations
 * ({@link SipRegistrations}) and the transfer targets ({@link TransferGlobals}) each live in their own class.
 */
@Component
class TelephonyGateway implements PbxGateway {

    private final PbxConnections connections;
    private final NoticeCalls noticeCalls;
    private final OperatorCallOriginator operatorCalls;
    private final LiveChannels liveChannels;
    private final SipRegistrations registrations;
    private final TransferGlobals transferGlobals;

    TelephonyGateway(PbxConnections connections, NoticeCalls noticeCalls, OperatorCallOriginator operatorCalls,
            LiveChannels liveChannels, SipRegistrations registrations, TransferGlobals transferGlobals) {
        this.connections = connections;
        this.noticeCalls = noticeCalls;
        this.operatorCalls = operatorCalls;
        this.liveChannels = liveChannels;
        this.registrations = registrations;
        this.transferGlobals = transferGlobals;
    }

    @Override
    public List<Trunk> trunks() {
        return connections.all().stream().flatMap(p -> p.config().trunks().stream()
                .map(t -> new Trunk(p.config().id(), t.name(), t.maxChannels(), t.callsPerSecond(),
                        p.config().maxChannels()))).toList();
    }

    @Override
    public boolean isUp(String pbxId) {
        return connections.pbx(pbxId).map(pbx -> pbx.link().health().isUp()).orElse(false);
    }

    @Override
    public long linkReconnects(String pbxId) {
        return connections.pbx(pbxId).map(pbx -> pbx.link().health().reconnects()).orElse(0L);
    }

    @Override
    public CompletableFuture<Void> originate(OutboundCall call) {
        return noticeCalls.originate(call);
    }

    @Override
    public CompletableFuture<Set<String>> liveAttemptIds(String pbxId) {
        return noticeCalls.liveAttemptIds(pbxId);
    }

    @Override
    public CompletableFuture<Void> originateOperatorCall(OperatorCall call) {
        return operatorCalls.originate(call);
    }

    @Override
    public CompletableFuture<Void> redirectToConsent(String pbxId, String attemptId, String operatorEndpoint) {
        return liveChannels.redirectToConsent(pbxId, attemptId, operatorEndpoint);
    }

    @Override
    public CompletableFuture<Void> hangUp(String pbxId, String attemptId) {
        return liveChannels.hangUp(pbxId, attemptId);
    }

    @Override
    public Optional<Instant> answeredAt(String attemptId) {
        return liveChannels.answeredAt(attemptId);
    }

    @Override
    public CompletableFuture<List<EndpointStatus>> registeredEndpoints() {
        return registrations.registeredEndpoints();
    }

    @Override
    public void onEndpointStatus(Consumer<EndpointStatus> listener) {
        registrations.onEndpointStatus(listener);
    }

    @Override
    public CompletableFuture<Void> publishTransferOperators(String pbxId, List<String> endpoints) {
        return transferGlobals.publish(pbxId, endpoints);
    }
}
