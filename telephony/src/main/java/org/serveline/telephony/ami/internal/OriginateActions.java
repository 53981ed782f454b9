package org.serveline.telephony.ami.internal;

import org.asteriskjava.manager.action.OriginateAction;
import org.serveline.telephony.ami.OriginateRequest;

/** Builds asterisk-java's OriginateAction from our request; always Async. */
final class OriginateActions {

    private OriginateActions() {
    }

    static OriginateAction of(OriginateRequest request) {
        OriginateAction action = new OriginateAction();
        action.setActionId(request.actionId());
        action.setChannel(request.channel());
        switch (request.target()) {
            case OriginateRequest.Dialplan d -> {
                action.setContext(d.context());
                action.setExten(d.exten());
                action.setPriority(d.priority());
            }
            case OriginateRequest.Application a -> {
                action.setApplication(a.name());
                action.setData(a.data());
            }
        }
        if (!request.callerId().isEmpty()) {
            action.setCallerId(request.callerId());
        }
        action.setTimeout(request.timeout().toMillis());
        action.setVariables(request.channelVariables());
        action.setAsync(true);
        return action;
    }
}
