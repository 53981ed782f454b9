package org.serveline.telephony.agi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Plays Asterisk's side of a FastAGI connection in tests: sends the agi_ block, reads commands, writes replies. */
public final class AgiTestClient implements AutoCloseable {

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;
    private final List<String> commands = new ArrayList<>();

    public AgiTestClient(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(10_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
    }

    /** An agi_ block like Asterisk 22 sends for {@code agi://127.0.0.1/<networkScript>}, ended by the empty line. */
    public static String environment(String networkScript, String... extraLines) {
        StringBuilder block = new StringBuilder()
                .append("agi_network: yes\n")
                .append("agi_network_script: ").append(networkScript).append('\n')
                .append("agi_request: agi://127.0.0.1:4573/").append(networkScript).append('\n')
                .append("agi_channel: Local/1001@simulated-parties-0000000c;1\n")
                .append("agi_uniqueid: 1795737031.27\n")
                .append("agi_version: 22.10.1\n");
        for (String line : extraLines) {
            block.append(line).append('\n');
        }
        return block.append('\n').toString();
    }

    public void send(String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The next command line, or null when the server closed the connection. */
    public String readCommand() throws IOException {
        String line = in.readLine();
        if (line != null) {
            commands.add(line);
        }
        return line;
    }

    public void reply(String... lines) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append('\n');
        }
        send(text.toString());
    }

    /** Answers every command with {@code responder}'s lines until the server closes the connection. */
    public List<String> serve(Function<String, List<String>> responder) throws IOException {
        String command;
        while ((command = readCommand()) != null) {
            reply(responder.apply(command).toArray(String[]::new));
        }
        return List.copyOf(commands);
    }

    /** True when the server closed the connection (end of stream) within the socket timeout. */
    public boolean closedByServer() throws IOException {
        try {
            return socket.getInputStream().read() == -1;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }

    public List<String> commands() {
        return List.copyOf(commands);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
