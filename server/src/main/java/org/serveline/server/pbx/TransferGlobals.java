package org.serveline.server.pbx;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.serveline.server.call.PbxGateway.ChannelActionFailedException;
import org.serveline.telephony.dialplan.DialplanContract;
import org.springframework.stereotype.Component;

/** Tells a PBX which operator phones an IVR transfer rings: the dialplan global {@code SERVELINE_DEFAULT_OPERATORS}. */
@Component
class TransferGlobals {

    private final PbxConnections connections;

    TransferGlobals(PbxConnections connections) {
        this.connections = connections;
    }

    CompletableFuture<Void> publish(String pbxId, List<String> endpoints) {
        return connections.pbx(pbxId)
                .map(pbx -> Originates.channelAction(pbx.link().setGlobalVariable(
                        DialplanContract.DEFAULT_OPERATORS_VARIABLE, String.join("&", endpoints))))
                .orElseGet(() -> CompletableFuture.failedFuture(new ChannelActionFailedException("unknown PBX " + pbxId)));
    }
}
