package org.serveline.telephony.ami.internal;

import java.io.IOException;

import org.asteriskjava.manager.internal.ManagerConnectionImpl;
import org.asteriskjava.util.SocketConnectionFacade;

/** asterisk-java's connection with its socket wrapped by {@link LineInspectingSocket}. */
final class InspectedManagerConnection extends ManagerConnectionImpl {

    private final EventHandOff handOff;

    InspectedManagerConnection(EventHandOff handOff) {
        this.handOff = handOff;
    }

    @Override
    protected SocketConnectionFacade createSocket() throws IOException {
        return new LineInspectingSocket(super.createSocket(), handOff);
    }
}
