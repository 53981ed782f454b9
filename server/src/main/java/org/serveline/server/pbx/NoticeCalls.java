package org.serveline.server.pbx;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Collectors;
import org.serveline.server.call.PbxGateway.CallNotPlacedException;
import org.serveline.server.call.PbxGateway.OutboundCall;
import org.serveline.telephony.ami.LiveAttempt;
import org.serveline.telephony.ami.OriginateRequest;
import org.serveline.telephony.dialplan.DialplanContract;
import org.springframework.stereotype.Component;

/**
 * Places automated notice calls: renders the notice, then originates into {@code serveline-outbound} with the
 * attempt's ids, the FastAGI URL and whether AMD runs. Knows which attempts it is still placing, so that
 * reconciliation never takes them for lost.
 */
@Component
class NoticeCalls {

    private final PbxConnections connections;
    private final AnsweringMachineProperties answeringMachine;
    /**
     * Attempts this node is placing: committed DIALING, Originate not yet answered by the PBX (the notice may
     * still be rendering). The PBX does not list them yet, so reconciliation must not take them for lost.
     */
    private final Set<String> placing = ConcurrentHashMap.newKeySet();

    NoticeCalls(PbxConnections connections, AnsweringMachineProperties answeringMachine) {
        this.connections = connections;
        this.answeringMachine = answeringMachine;
    }

    CompletableFuture<Void> originate(OutboundCall call) {
        PbxConnections.Pbx pbx = connections.pbx(call.pbxId()).orElse(null);
        if (pbx == null) {
            return CompletableFuture.failedFuture(new CallNotPlacedException("unknown PBX " + call.pbxId()));
        }
        TelephonyProperties.Trunk trunk = pbx.trunk(call.trunk())
                .orElseThrow(() -> new CallNotPlacedException("unknown trunk " + call.trunk()));
        NoticeEndpoint notices = connections.notices();
        OriginateRequest request;
        try {
            request = new OriginateRequest(call.attemptId(), Long.toString(call.taskId()),
                    DialStrings.dialString(trunk, call.numberE164()),
                    new OriginateRequest.Dialplan(DialplanContract.OUTBOUND_CONTEXT, "s", 1), trunk.callerId(),
                    call.ringTimeout(), variables(notices.url().toString()));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new CallNotPlacedException("cannot dial: " + e.getMessage()));
        }
        CompletableFuture<Void> prerendered;
        try {
            // the notice is rendered before the PBX dials, so a party who answers never waits on the speech engine
            prerendered = CompletableFuture.runAsync(() -> notices.prerender(call),
                    connections.handOff());
        } catch (RejectedExecutionException stopping) {
            return CompletableFuture.failedFuture(new CallNotPlacedException("the telephony gateway is stopping"));
        }
        placing.add(call.attemptId());
        return Originates.placed(prerendered.thenCompose(rendered -> pbx.tracker().originate(request)))
                .whenComplete((done, failure) -> placing.remove(call.attemptId()));
    }

    /** The channel variables of a notice call besides the attempt's ids (which OriginateRequest adds). */
    Map<String, String> variables(String agiUrl) {
        Map<String, String> variables = new HashMap<>();
        variables.put(DialplanContract.AGI_URL_VARIABLE, agiUrl);
        variables.put(DialplanContract.AMD_VARIABLE,
                answeringMachine.detect() ? DialplanContract.AMD_ON : DialplanContract.AMD_OFF);
        return variables;
    }

    /** Attempt ids with a live channel on that PBX, plus those this node is still placing there. */
    CompletableFuture<Set<String>> liveAttemptIds(String pbxId) {
        PbxConnections.Pbx pbx = connections.pbx(pbxId).orElse(null);
        if (pbx == null) {
            return CompletableFuture.completedFuture(Set.of());
        }
        Set<String> stillPlacing = Set.copyOf(placing); // read first: an attempt leaves it once the PBX has it
        return pbx.link().liveAttempts().thenApply(live -> {
            Set<String> ids = live.stream().map(LiveAttempt::attemptId).collect(Collectors.toCollection(HashSet::new));
            ids.addAll(stillPlacing);
            return ids;
        });
    }
}
