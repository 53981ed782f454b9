package org.serveline.pbxsim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.serveline.pbxsim.ami.AmiMessage;

/** A plain-socket AMI client: writes actions line by line, reads messages. Blocking, with a read timeout. */
final class TestAmiClient implements AutoCloseable {

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;
    private final String banner;

    private TestAmiClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(15_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
        banner = in.readLine();
    }

    static TestAmiClient connect(int port) throws IOException {
        return new TestAmiClient(port);
    }

    static TestAmiClient loggedIn(int port, boolean events) throws IOException {
        TestAmiClient client = connect(port);
        client.send("Action: Login", "ActionID: login-1", "Username: serveline", "Secret: serveline-secret",
                "Events: " + (events ? "on" : "off"));
        AmiMessage response = client.readResponse("login-1", new ArrayList<>());
        if (!"Success".equals(response.getOrEmpty("Response"))) {
            throw new IOException("login refused: " + response);
        }
        return client;
    }

    String banner() {
        return banner;
    }

    void send(String... lines) throws IOException {
        send(List.of(lines));
    }

    void send(List<String> lines) throws IOException {
        StringBuilder b = new StringBuilder();
        for (String line : lines) {
            b.append(line).append("\r\n");
        }
        out.write(b.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    void sendRaw(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The next message, or null at end of stream. */
    AmiMessage read() throws IOException {
        AmiMessage.Builder b = null;
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isEmpty()) {
                if (b != null) {
                    return b.build();
                }
                continue;
            }
            if (b == null) {
                b = AmiMessage.builder();
            }
            int colon = line.indexOf(':');
            b.add(colon < 0 ? line : line.substring(0, colon), colon < 0 ? "" : line.substring(colon + 1).strip());
        }
        return null;
    }

    /** Reads up to the response with that ActionID; what came before (events) goes to {@code others}. */
    AmiMessage readResponse(String actionId, List<AmiMessage> others) throws IOException {
        AmiMessage m;
        while ((m = read()) != null) {
            if (m.get("Event").isEmpty() && actionId.equals(m.getOrEmpty("ActionID"))) {
                return m;
            }
            others.add(m);
        }
        throw new IOException("connection closed before the response to " + actionId);
    }

    /** Reads messages until {@code done} holds for what was read. */
    List<AmiMessage> readUntil(Predicate<List<AmiMessage>> done) throws IOException {
        List<AmiMessage> messages = new ArrayList<>();
        while (!done.test(messages)) {
            AmiMessage m = read();
            if (m == null) {
                throw new IOException("connection closed; read so far: " + messages);
            }
            messages.add(m);
        }
        return messages;
    }

    /** True when the server closed the connection (reads end of stream). */
    boolean closedByServer() throws IOException {
        return in.read() < 0;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
