package org.serveline.pbxsim.ami;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;

/**
 * Gathers AMI lines (already split by a line decoder) into messages ended by an empty line. A line without a
 * colon is kept as a header with an empty value, like Asterisk keeps it, so that a message of garbage is
 * answered with "Missing action in request" instead of being silently dropped.
 */
final class AmiMessageDecoder extends MessageToMessageDecoder<String> {

    static final int MAX_HEADERS = 128;

    private AmiMessage.Builder current;
    private int count;

    @Override
    protected void decode(ChannelHandlerContext ctx, String line, List<Object> out) {
        String trimmed = stripCr(line);
        if (trimmed.isEmpty()) {
            if (current != null) {
                out.add(current.build());
                current = null;
                count = 0;
            }
            return;
        }
        if (count >= MAX_HEADERS) {
            return;
        }
        if (current == null) {
            current = AmiMessage.builder();
        }
        int colon = trimmed.indexOf(':');
        if (colon < 0) {
            current.add(trimmed, "");
        } else {
            current.add(trimmed.substring(0, colon).trim(), trimmed.substring(colon + 1).strip());
        }
        count++;
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
