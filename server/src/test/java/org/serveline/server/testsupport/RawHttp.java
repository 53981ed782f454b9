package org.serveline.server.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one connection per request: sends exactly the bytes given (a request target with
 * invalid percent-encoding, non-ASCII header values, a body that contradicts its Content-Type), which
 * {@code java.net.http.HttpClient} refuses to build.
 */
public final class RawHttp {

    /** A reply; header names in lower case, the last value of a repeated header wins. */
    public record Response(int status, Map<String, String> headers, byte[] body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** A header as sent; the value's characters go out as UTF-8 bytes. */
    public record Header(String name, String value) {
    }

    private RawHttp() {
    }

    /**
     * Sends one request to 127.0.0.1:{@code port}. Adds {@code Host} (unless given), {@code Connection: close} and,
     * when there is a body, {@code Content-Length}.
     */
    public static Response exchange(int port, String method, String target, List<Header> headers, byte[] body,
            Duration timeout) throws IOException {
        return exchange(null, port, method, target, headers, body, timeout);
    }

    /** As {@link #exchange(int, String, String, List, byte[], Duration)}, from a local address of one's choice. */
    public static Response exchange(java.net.InetAddress from, int port, String method, String target,
            List<Header> headers, byte[] body, Duration timeout) throws IOException {
        try (Socket socket = new Socket()) {
            if (from != null) {
                socket.bind(new InetSocketAddress(from, 0));
            }
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            write(request, method + " " + target + " HTTP/1.1\r\n");
            if (headers.stream().noneMatch(h -> h.name().equalsIgnoreCase("Host"))) {
                write(request, "Host: 127.0.0.1:" + port + "\r\n");
            }
            for (Header header : headers) {
                write(request, header.name() + ": " + header.value() + "\r\n");
            }
            if (body != null) {
                write(request, "Content-Length: " + body.length + "\r\n");
            }
            write(request, "Connection: close\r\n\r\n");
            if (body != null) {
                request.writeBytes(body);
            }
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.toByteArray());
                out.flush();
            } catch (IOException e) {
                // the server may answer and close before reading a body it refuses: read what it said
            }
            return read(socket.getInputStream());
        }
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Response read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        byte[] blank = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        int last4 = 0; // the head ends at the first CR LF CR LF: read no further before knowing what follows
        while (last4 != 0x0d0a0d0a) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            last4 = last4 << 8 | b;
        }
        byte[] headBytes = head.toByteArray();
        int end = indexOf(headBytes, blank);
        if (end < 0) {
            throw new IOException("no complete reply head in " + headBytes.length + " bytes: "
                    + new String(headBytes, StandardCharsets.ISO_8859_1));
        }
        String[] lines = new String(headBytes, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        int status = Integer.parseInt(statusLine[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        if (headers.getOrDefault("content-type", "").startsWith("text/event-stream")) {
            return new Response(status, headers, new byte[0]); // a stream that stays open: its head is the reply
        }
        byte[] body = in.readAllBytes();
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = unchunk(body);
        }
        return new Response(status, headers, body);
    }

    private static byte[] unchunk(byte[] chunked) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = indexOf(chunked, at, "\r\n".getBytes(StandardCharsets.US_ASCII));
            if (lineEnd < 0) {
                throw new IOException("a chunk size line is not terminated");
            }
            String size = new String(chunked, at, lineEnd - at, StandardCharsets.US_ASCII).split(";")[0].trim();
            int length = Integer.parseInt(size, 16);
            if (length == 0) {
                break;
            }
            body.write(chunked, lineEnd + 2, Math.min(length, chunked.length - lineEnd - 2));
            at = lineEnd + 2 + length + 2;
        }
        return body.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        return indexOf(data, 0, pattern);
    }

    private static int indexOf(byte[] data, int from, byte[] pattern) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
