package org.serveline.server.pbx;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.serveline.server.call.PbxGateway.CallNotPlacedException;
import org.serveline.server.call.PbxGateway.ChannelActionFailedException;
import org.serveline.telephony.ami.OriginateRejectedException;

/** How the PBX's answers to our actions become the gateway's exceptions. */
final class Originates {

    private Originates() {
    }

    /** A refused Originate means nothing was dialled; any other failure leaves the attempt to reconciliation. */
    static CompletableFuture<Void> placed(CompletableFuture<?> originate) {
        return originate.handle((accepted, failure) -> {
            Throwable cause = unwrap(failure);
            if (cause instanceof OriginateRejectedException rejected) {
                throw new CallNotPlacedException(rejected.getMessage());
            }
            if (cause != null) {
                throw new CompletionException(cause);
            }
            return null;
        });
    }

    /** A channel action (Redirect, Hangup, Setvar) that failed in any way is a {@link ChannelActionFailedException}. */
    static CompletableFuture<Void> channelAction(CompletableFuture<?> action) {
        return action.handle((done, failure) -> {
            Throwable cause = unwrap(failure);
            if (cause instanceof ChannelActionFailedException failed) {
                throw failed;
            }
            if (cause != null) {
                throw new ChannelActionFailedException(cause.getMessage());
            }
            return null;
        });
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException ? failure.getCause() : failure;
    }
}
