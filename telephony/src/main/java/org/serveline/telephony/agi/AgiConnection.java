package org.serveline.telephony.agi;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The FastAGI wire protocol on one socket: the agi_ block, then one command line and one reply at a time. */
final class AgiConnection {

    private static final Logger log = LoggerFactory.getLogger(AgiConnection.class);
    private static final int MAX_ENVIRONMENT_LINES = 256;
    private static final int MAX_LINE_BYTES = 8192;
    private static final String HANGUP_LINE = "HANGUP";

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String label;
    private volatile boolean hungUp;

    AgiConnection(Socket socket, String label) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.label = label;
    }

    /** Reads the agi_ block up to its empty line, waiting at most {@code timeout} for all of it. */
    Map<String, String> readEnvironment(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        Map<String, String> environment = new LinkedHashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = readLine();
            if (line == null) {
                throw new BadRequestException(environment.isEmpty()
                        ? "connection closed before any agi_ line"
                        : "agi_ block truncated after " + environment.size() + " lines (no empty line)");
            }
            if (line.isEmpty()) {
                return environment;
            }
            if (environment.size() >= MAX_ENVIRONMENT_LINES || System.nanoTime() > deadline) {
                throw new BadRequestException("agi_ block too long or too slow (" + environment.size() + " lines)");
            }
            int colon = line.indexOf(": ");
            if (!line.startsWith("agi_") || colon < 0) {
                throw new BadRequestException("not an agi_ line: '" + abbreviate(line) + "'");
            }
            environment.put(line.substring(4, colon), line.substring(colon + 2));
        }
    }

    /** Sends one command line and returns its reply; see {@link AgiChannel} for the exceptions. */
    AgiReply send(String command, Duration replyTimeout) {
        try {
            socket.setSoTimeout((int) replyTimeout.toMillis());
            out.write((command + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return readReply(command);
        } catch (SocketTimeoutException late) {
            throw new AgiProtocolException("no reply to '" + command + "' within " + replyTimeout, late);
        } catch (BadRequestException badLine) {
            throw new AgiProtocolException("bad reply to '" + command + "': " + badLine.getMessage(), badLine);
        } catch (IOException lost) {
            throw new AgiException("connection lost while sending '" + command + "': " + lost.getMessage(), lost);
        }
    }

    private AgiReply readReply(String command) throws IOException {
        while (true) {
            String line = readLine();
            if (line == null) {
                hungUp = true;
                throw new AgiHangupException("PBX closed the connection while '" + command + "' awaited its reply");
            }
            if (line.equals(HANGUP_LINE)) {
                hungUp = true;
                log.debug("{}: Asterisk reports the channel hung up", label);
                continue;
            }
            if (line.matches("^\\d{3}-.*")) {
                throw new AgiProtocolException("Asterisk rejected '" + command + "': " + skipUsage(line));
            }
            AgiReply reply = AgiReply.parse(line);
            if (reply.status() == AgiReply.DEAD_CHANNEL) {
                hungUp = true;
                throw new AgiHangupException("'" + command + "' refused on a dead channel: " + line);
            }
            if (!reply.isSuccess()) {
                throw new AgiProtocolException("Asterisk rejected '" + command + "': " + line);
            }
            return reply;
        }
    }

    /** Reads a multi-line {@code 520-} usage text up to its closing {@code 520 } line. */
    private String skipUsage(String first) throws IOException {
        String closing = first.substring(0, 3) + " ";
        String line;
        do {
            line = readLine();
        } while (line != null && !line.startsWith(closing));
        return first;
    }

    /**
     * One LF-terminated line (a CR before the LF is dropped); null at the end of the stream. A line cut off by the
     * end of the stream, or longer than {@value #MAX_LINE_BYTES} bytes, is an error, not a line.
     */
    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int next;
        while ((next = in.read()) != '\n') {
            if (next == -1) {
                if (line.size() == 0) {
                    return null;
                }
                throw new BadRequestException("connection closed in the middle of a line: '"
                        + abbreviate(line.toString(StandardCharsets.UTF_8)) + "'");
            }
            if (line.size() >= MAX_LINE_BYTES) {
                throw new BadRequestException("line longer than " + MAX_LINE_BYTES + " bytes");
            }
            line.write(next);
        }
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    boolean hungUp() {
        return hungUp;
    }

    private static String abbreviate(String line) {
        return line.length() <= 80 ? line : line.substring(0, 80) + "...";
    }

    /** The agi_ block is missing, cut short or malformed. */
    static final class BadRequestException extends IOException {
        BadRequestException(String message) {
            super(message);
        }
    }
}
