package org.serveline.server.pbx;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import org.serveline.server.call.PbxGateway.ChannelActionFailedException;
import org.serveline.telephony.ami.LiveAttempt;
import org.serveline.telephony.ami.OriginateRequest;
import org.serveline.telephony.ami.PbxLink;
import org.serveline.telephony.dialplan.DialplanContract;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What is done to the live channels of an attempt: hand an operator call's party to the IVR consent step (Redirect),
 * hang the call up, and tell when its first channel came up (an operator call's recording starts then).
 */
@Component
class LiveChannels {

    private static final Logger log = LoggerFactory.getLogger(LiveChannels.class);

    private final PbxConnections connections;

    LiveChannels(PbxConnections connections) {
        this.connections = connections;
    }

    CompletableFuture<Void> redirectToConsent(String pbxId, String attemptId, String operatorEndpoint) {
        return withLiveChannels(pbxId, attemptId, (link, channels) -> {
            String party = partyChannel(channels, operatorEndpoint).orElseThrow(() ->
                    new ChannelActionFailedException("attempt " + attemptId + " has no party channel on PBX " + pbxId));
            log.info("attempt {}: redirecting {} to {}", attemptId, party, DialplanContract.CONSENT_CONTEXT);
            return link.redirect(party, new OriginateRequest.Dialplan(DialplanContract.CONSENT_CONTEXT, "s", 1));
        });
    }

    CompletableFuture<Void> hangUp(String pbxId, String attemptId) {
        // hanging up one channel of a bridge may take the others with it: one success is enough
        return withLiveChannels(pbxId, attemptId, (link, channels) -> {
            List<CompletableFuture<Boolean>> hangups = channels.stream().map(channel -> link
                    .hangup(channel.channel(), 16).handle((done, failure) -> failure == null)).toList();
            return CompletableFuture.allOf(hangups.toArray(CompletableFuture[]::new)).thenAccept(done -> {
                if (hangups.stream().noneMatch(CompletableFuture::join)) {
                    throw new ChannelActionFailedException("the PBX hung up no channel of attempt " + attemptId);
                }
            });
        });
    }

    /** When the first channel of a live attempt came up, on whichever PBX carries it. */
    Optional<Instant> answeredAt(String attemptId) {
        return connections.all().stream().map(pbx -> pbx.answers().answeredAt(attemptId)).flatMap(Optional::stream)
                .findFirst();
    }

    private CompletableFuture<Void> withLiveChannels(String pbxId, String attemptId,
            BiFunction<PbxLink, List<LiveAttempt>, CompletableFuture<Void>> action) {
        PbxConnections.Pbx pbx = connections.pbx(pbxId).orElse(null);
        if (pbx == null) {
            return CompletableFuture.failedFuture(new ChannelActionFailedException("unknown PBX " + pbxId));
        }
        return Originates.channelAction(pbx.link().liveAttempts().thenCompose(live -> {
            List<LiveAttempt> channels = live.stream().filter(a -> a.attemptId().equals(attemptId)).toList();
            if (channels.isEmpty()) {
                throw new ChannelActionFailedException("no live channel of attempt " + attemptId + " on PBX " + pbxId);
            }
            return action.apply(pbx.link(), channels);
        }));
    }

    /**
     * The party's side of an operator call: not the operator's own channel ({@code PJSIP/agent100-0000001}); of a
     * Local channel pair, the ";1" half (bridged with the operator), which keeps the path to the party.
     */
    static Optional<String> partyChannel(List<LiveAttempt> channels, String operatorEndpoint) {
        List<String> others = channels.stream().map(LiveAttempt::channel)
                .filter(name -> !name.startsWith(operatorEndpoint + "-")).toList();
        return others.stream().filter(name -> name.endsWith(";1")).findFirst()
                .or(() -> others.stream().findFirst());
    }
}
