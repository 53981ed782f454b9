package org.serveline.telephony.ami.internal;

import java.io.IOException;

import org.asteriskjava.manager.EventTimeoutException;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.SendActionCallback;
import org.asteriskjava.manager.SendEventGeneratingActionCallback;
import org.asteriskjava.manager.action.EventGeneratingAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.internal.ManagerConnectionImpl;
import org.asteriskjava.util.SocketConnectionFacade;

/**
 * asterisk-java's connection with its socket wrapped by {@link LineInspectingSocket}; it sends only the actions
 * listed in {@link SentAction} and reads the events of Serveline's own list actions ({@link ContactQuery}).
 */
final class InspectedManagerConnection extends ManagerConnectionImpl {

    private final EventHandOff handOff;

    InspectedManagerConnection(EventHandOff handOff) {
        this.handOff = handOff;
        ContactQuery.registerEvents(this);
    }

    @Override
    protected SocketConnectionFacade createSocket() throws IOException {
        return new LineInspectingSocket(super.createSocket(), handOff);
    }

    @Override
    public void sendAction(ManagerAction action, SendActionCallback callback) throws IOException {
        checkListed(action);
        super.sendAction(action, callback);
    }

    @Override
    public ResponseEvents sendEventGeneratingAction(EventGeneratingAction action, long timeout)
            throws IOException, EventTimeoutException {
        checkListed(action);
        return super.sendEventGeneratingAction(action, timeout);
    }

    @Override
    public void sendEventGeneratingAction(EventGeneratingAction action, SendEventGeneratingActionCallback callback)
            throws IOException {
        checkListed(action);
        super.sendEventGeneratingAction(action, callback);
    }

    private static void checkListed(ManagerAction action) {
        if (action == null || SentAction.of(action.getAction()).isEmpty()) {
            throw new IllegalArgumentException("AMI action " + (action == null ? null : action.getAction())
                    + " is not listed in SentAction (and so not checked against manager.conf); not sent");
        }
    }
}
