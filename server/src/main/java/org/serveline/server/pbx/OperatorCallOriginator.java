package org.serveline.server.pbx;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.serveline.server.call.PbxGateway.CallNotPlacedException;
import org.serveline.server.call.PbxGateway.OperatorCall;
import org.serveline.telephony.ami.OriginateRequest;
import org.serveline.telephony.dialplan.DialplanContract;
import org.springframework.stereotype.Component;

/**
 * Places operator calls: the PBX rings the operator's phone first ({@code serveline-operator}), then dials the
 * party and bridges them. No AMD here: a person (the operator) hears who answers.
 */
@Component
class OperatorCallOriginator {

    private final PbxConnections connections;

    OperatorCallOriginator(PbxConnections connections) {
        this.connections = connections;
    }

    CompletableFuture<Void> originate(OperatorCall call) {
        PbxConnections.Pbx pbx = connections.pbx(call.pbxId()).orElse(null);
        if (pbx == null) {
            return CompletableFuture.failedFuture(new CallNotPlacedException("unknown PBX " + call.pbxId()));
        }
        OriginateRequest request;
        try {
            TelephonyProperties.Trunk trunk = pbx.trunk(call.trunk())
                    .orElseThrow(() -> new IllegalArgumentException("unknown trunk " + call.trunk()));
            request = new OriginateRequest(call.attemptId(), Long.toString(call.taskId()), call.operatorEndpoint(),
                    new OriginateRequest.Dialplan(DialplanContract.OPERATOR_CONTEXT, "s", 1), trunk.callerId(),
                    call.ringTimeout(), Map.of(DialplanContract.AGI_URL_VARIABLE, connections.notices().url().toString(),
                            DialplanContract.OPERATOR_ENDPOINT_VARIABLE, call.operatorEndpoint(),
                            DialplanContract.PARTY_DIAL_VARIABLE, DialStrings.dialString(trunk, call.numberE164())));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new CallNotPlacedException("cannot dial: " + e.getMessage()));
        }
        return Originates.placed(pbx.tracker().originate(request));
    }
}
