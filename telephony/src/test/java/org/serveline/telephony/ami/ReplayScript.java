package org.serveline.telephony.ami;

import java.io.IOException;
import java.util.Map;

/**
 * Answers the client's Login and Originate with the recorded frames of a real trace, rewritten to carry the
 * client's ActionIDs (asterisk-java prefixes its own internal ids), then streams the recorded events.
 */
public final class ReplayScript implements FakeAmiServer.Script {

    private final AmiTrace trace;

    public ReplayScript(AmiTrace trace) {
        this.trace = trace;
    }

    @Override
    public void loggedIn(Map<String, String> login, FakeAmiServer.Session session) throws IOException {
        replay("Login", login, session);
    }

    @Override
    public void action(Map<String, String> action, FakeAmiServer.Session session) throws IOException {
        if (trace.actionIdByAction().containsKey(action.get("Action"))) {
            replay(action.get("Action"), action, session);
        } else {
            FakeAmiServer.Script.super.action(action, session);
        }
    }

    private void replay(String name, Map<String, String> action, FakeAmiServer.Session session) throws IOException {
        for (String frame : trace.answer(name, action.get("ActionID"))) {
            session.send(frame);
        }
    }
}
