package org.serveline.pbxsim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A plain-socket FastAGI server for tests: per connection it reads the agi_ block, runs a script, and keeps
 * a transcript in the fixtures' .txt notation ("<< " from Asterisk, ">> " to it).
 */
final class TestAgiServer implements AutoCloseable {

    /** What a script can do on one connection. */
    interface Script {
        void run(Conversation conversation) throws IOException;
    }

    /** One FastAGI connection seen from the server side. */
    static final class Conversation {
        private final BufferedReader in;
        private final OutputStream out;
        private final List<String> transcript = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private boolean hangupSeen;

        Conversation(Socket socket) throws IOException {
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
        }

        void readEnvironment() throws IOException {
            String line;
            while ((line = in.readLine()) != null && !line.isEmpty()) {
                transcript.add("<< " + line);
                int colon = line.indexOf(": ");
                env.put(line.substring(0, colon), line.substring(colon + 2));
            }
            transcript.add("<<");
        }

        /** Sends a command and returns its reply; a HANGUP notification read on the way is recorded. */
        String send(String command) throws IOException {
            out.write((command + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            transcript.add(">> " + command);
            String reply = in.readLine();
            while ("HANGUP".equals(reply)) {
                hangupSeen = true;
                transcript.add("<< HANGUP");
                reply = in.readLine();
            }
            transcript.add("<< " + reply);
            return reply;
        }

        /** Waits for Asterisk's HANGUP line if it has not come yet. */
        void awaitHangupLine() throws IOException {
            if (!hangupSeen) {
                String line = in.readLine();
                if (line != null) {
                    transcript.add("<< " + line);
                    hangupSeen = "HANGUP".equals(line);
                }
            }
        }

        Map<String, String> env() {
            return env;
        }
    }

    /** What one connection produced. */
    record Session(Map<String, String> env, List<String> transcript, List<String> replies) {
    }

    /** The script of the traces' test server: ANSWER, STREAM FILE, WAIT FOR DIGIT 8000, HANGUP. */
    static final Script TRACE_SCRIPT = c -> {
        c.send("ANSWER");
        c.send("STREAM FILE hello-world \"\"");
        c.send("WAIT FOR DIGIT 8000");
        c.send("HANGUP");
        c.awaitHangupLine();
    };

    private final ServerSocket server;
    private final Thread acceptor;
    private final BlockingQueue<Session> sessions = new LinkedBlockingQueue<>();
    private final List<Socket> sockets = new ArrayList<>();

    TestAgiServer(Script script) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().name("test-agi-acceptor").start(() -> accept(script));
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept(Script script) {
        try {
            while (!server.isClosed()) {
                Socket socket = server.accept();
                synchronized (sockets) {
                    sockets.add(socket);
                }
                Thread.ofVirtual().start(() -> serve(socket, script));
            }
        } catch (IOException closed) {
            // the server socket was closed: stop accepting
        }
    }

    private void serve(Socket socket, Script script) {
        List<String> replies = new ArrayList<>();
        Conversation conversation = null;
        try (socket) {
            socket.setSoTimeout(15_000);
            conversation = new Conversation(socket);
            conversation.readEnvironment();
            script.run(conversation);
        } catch (IOException e) {
            if (conversation != null) {
                conversation.transcript.add("!! " + e);
            }
        }
        if (conversation != null) {
            for (String line : conversation.transcript) {
                if (line.startsWith("<< ") && !line.equals("<< HANGUP") && !line.contains("agi_")) {
                    replies.add(line.substring(3));
                }
            }
            sessions.add(new Session(conversation.env, List.copyOf(conversation.transcript), replies));
        }
    }

    Session nextSession() throws InterruptedException {
        Session session = sessions.poll(20, TimeUnit.SECONDS);
        if (session == null) {
            throw new AssertionError("no FastAGI session ended within 20 s");
        }
        return session;
    }

    boolean hadSession() {
        return !sessions.isEmpty();
    }

    @Override
    public void close() throws IOException {
        server.close();
        synchronized (sockets) {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
        try {
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
