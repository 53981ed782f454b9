package org.serveline.telephony.ami;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link FakeAmiServer.Script} assembled in a test: frames to send after each login, a handler per action. */
public final class ScriptedAmi implements FakeAmiServer.Script {

    @FunctionalInterface
    public interface Handler {
        void handle(Map<String, String> action, FakeAmiServer.Session session) throws IOException;
    }

    @FunctionalInterface
    public interface AfterLogin {
        /** {@code login} counts from 1; return true to keep the connection, false to cut it after sending. */
        boolean send(int login, FakeAmiServer.Session session) throws IOException;
    }

    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final AtomicInteger logins = new AtomicInteger();
    private volatile AfterLogin afterLogin = (login, session) -> true;

    public ScriptedAmi afterLogin(AfterLogin frames) {
        this.afterLogin = frames;
        return this;
    }

    public ScriptedAmi afterLogin(List<String> frames) {
        return afterLogin((login, session) -> {
            for (String frame : frames) {
                session.send(frame);
            }
            return true;
        });
    }

    public ScriptedAmi on(String action, Handler handler) {
        handlers.put(action.toLowerCase(), handler);
        return this;
    }

    @Override
    public void loggedIn(Map<String, String> login, FakeAmiServer.Session session) throws IOException {
        FakeAmiServer.Script.super.loggedIn(login, session);
        if (!afterLogin.send(logins.incrementAndGet(), session)) {
            session.close();
        }
    }

    @Override
    public void action(Map<String, String> action, FakeAmiServer.Session session) throws IOException {
        Handler handler = handlers.get(action.getOrDefault("Action", "").toLowerCase());
        if (handler == null) {
            FakeAmiServer.Script.super.action(action, session);
        } else {
            handler.handle(action, session);
        }
    }
}
