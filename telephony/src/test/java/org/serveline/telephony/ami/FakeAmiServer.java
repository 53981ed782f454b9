package org.serveline.telephony.ami;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test-only AMI server on 127.0.0.1 and an ephemeral port. It speaks the real wire protocol: banner, MD5
 * Challenge/Login (or plain Secret), CoreSettings, Ping, Logoff; every other action goes to the {@link Script}.
 */
public final class FakeAmiServer implements AutoCloseable {

    public static final String USER = "serveline";
    public static final String SECRET = "serveline-secret";
    private static final String CHALLENGE = "907461234";

    /** What the server does beyond login; runs on the connection's own thread. */
    public interface Script {
        /** Called once the login succeeded; the default answers like Asterisk. */
        default void loggedIn(Map<String, String> login, Session session) throws IOException {
            session.send("Response: Success\r\nActionID: " + login.get("ActionID")
                    + "\r\nMessage: Authentication accepted\r\n\r\n");
        }

        default void action(Map<String, String> action, Session session) throws IOException {
            session.send("Response: Error\r\nActionID: " + action.get("ActionID")
                    + "\r\nMessage: Invalid/unknown command\r\n\r\n");
        }
    }

    /** One client connection. */
    public static final class Session {
        private final Socket socket;
        private final OutputStream out;

        Session(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
        }

        public synchronized void send(String frame) throws IOException {
            out.write(frame.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }

    private final ServerSocket server;
    private final String banner;
    private final Script script;
    private final Thread acceptor;
    private final List<Session> sessions = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> actions = new CopyOnWriteArrayList<>();
    private final AtomicInteger logins = new AtomicInteger();
    private volatile boolean closing;

    public FakeAmiServer(String banner, Script script) throws IOException {
        this.server = new ServerSocket();
        this.server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.banner = banner;
        this.script = script;
        this.acceptor = Thread.ofPlatform().name("fake-ami-accept").daemon(true).start(this::acceptLoop);
    }

    public FakeAmiServer(Script script) throws IOException {
        this("Asterisk Call Manager/11.0.0", script);
    }

    public int port() {
        return server.getLocalPort();
    }

    public PbxConfig config(String id) {
        return PbxConfig.of(id, "127.0.0.1", port(), USER, SECRET)
                .withReconnect(java.time.Duration.ofMillis(50), java.time.Duration.ofMillis(400))
                .withResponseTimeout(java.time.Duration.ofSeconds(3));
    }

    /** Successful logins so far. */
    public int logins() {
        return logins.get();
    }

    /** Every action received, in order, across connections. */
    public List<Map<String, String>> actions() {
        return List.copyOf(actions);
    }

    /** Sends raw bytes (maybe not even a whole frame) on every open connection. */
    public void sendToAll(String bytes) throws IOException {
        for (Session session : sessions) {
            session.send(bytes);
        }
    }

    /** Cuts every open connection, as a PBX restart or a network failure would. */
    public void dropConnections() {
        sessions.forEach(Session::close);
        sessions.clear();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        closing = true;
        server.close();
        dropConnections();
        acceptor.join();
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private void acceptLoop() {
        while (!closing) {
            try {
                Socket socket = server.accept();
                Session session = new Session(socket);
                sessions.add(session);
                threads.add(Thread.ofPlatform().name("fake-ami-conn").daemon(true)
                        .start(() -> serve(socket, session)));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket, Session session) {
        try (socket; BufferedReader in = new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            session.send(banner + "\r\n");
            Map<String, String> action;
            while ((action = readFrame(in)) != null) {
                actions.add(action);
                if (!answer(action, session)) {
                    return;
                }
            }
        } catch (IOException e) {
            // connection dropped
        }
    }

    private boolean answer(Map<String, String> action, Session session) throws IOException {
        String id = action.get("ActionID");
        switch (action.getOrDefault("Action", "").toLowerCase()) {
            case "challenge" -> session.send("Response: Success\r\nActionID: " + id + "\r\nChallenge: " + CHALLENGE
                    + "\r\n\r\n");
            case "login" -> {
                if (!authenticated(action)) {
                    session.send("Response: Error\r\nActionID: " + id + "\r\nMessage: Authentication failed\r\n\r\n");
                    return false;
                }
                logins.incrementAndGet();
                script.loggedIn(action, session);
            }
            case "coresettings" -> session.send("Response: Success\r\nActionID: " + id + "\r\nAMIversion: 11.0.0\r\n"
                    + "AsteriskVersion: 22.10.1\r\nSystemName: \r\nCoreMaxCalls: 0\r\n\r\n");
            case "ping" -> session.send("Response: Success\r\nActionID: " + id + "\r\nPing: Pong\r\n"
                    + "Timestamp: 1795737031.000000\r\n\r\n");
            case "logoff" -> {
                session.send("Response: Goodbye\r\nActionID: " + id + "\r\nMessage: Thanks for all the fish.\r\n\r\n");
                return false;
            }
            default -> script.action(action, session);
        }
        return true;
    }

    private static boolean authenticated(Map<String, String> login) {
        if (!USER.equals(login.get("Username"))) {
            return false;
        }
        if ("MD5".equalsIgnoreCase(login.get("AuthType"))) {
            return md5(CHALLENGE + SECRET).equalsIgnoreCase(login.getOrDefault("Key", ""));
        }
        return SECRET.equals(login.get("Secret"));
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> readFrame(BufferedReader in) throws IOException {
        Map<String, String> frame = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isEmpty()) {
                if (!frame.isEmpty()) {
                    return frame;
                }
                continue;
            }
            int colon = line.indexOf(": ");
            if (colon > 0) {
                frame.merge(line.substring(0, colon), line.substring(colon + 2), (a, b) -> a + "," + b);
            }
        }
        return null;
    }
}
