package org.serveline.server.delivery.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a text for SMS in UCS-2 (UTF-16BE): up to 70 characters go in one message; a longer text goes in parts of
 * at most 67 characters, each behind a 6-byte concatenation header (UDH: IEI 0x00, 8-bit reference, total, number).
 * A surrogate pair is never cut between two parts.
 */
public final class SmsSegments {

    public static final int SINGLE = 70;
    public static final int PART = 67;

    /** One part as it goes into submit_sm's short_message: {@code udh} set when the esm_class needs UDHI. */
    public record Segment(int number, int total, byte[] shortMessage, boolean udh) {
    }

    private SmsSegments() {
    }

    public static List<Segment> split(String text, int reference) {
        if (text.length() <= SINGLE) {
            return List.of(new Segment(1, 1, text.getBytes(StandardCharsets.UTF_16BE), false));
        }
        List<String> parts = new ArrayList<>();
        for (int from = 0; from < text.length(); ) {
            int to = Math.min(text.length(), from + PART);
            if (to < text.length() && Character.isHighSurrogate(text.charAt(to - 1))) {
                to--;
            }
            parts.add(text.substring(from, to));
            from = to;
        }
        if (parts.size() > 255) {
            throw new IllegalArgumentException("a text of " + text.length() + " characters needs more than 255 parts");
        }
        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            byte[] payload = parts.get(i).getBytes(StandardCharsets.UTF_16BE);
            byte[] message = new byte[6 + payload.length];
            message[0] = 0x05;
            message[1] = 0x00;
            message[2] = 0x03;
            message[3] = (byte) reference;
            message[4] = (byte) parts.size();
            message[5] = (byte) (i + 1);
            System.arraycopy(payload, 0, message, 6, payload.length);
            segments.add(new Segment(i + 1, parts.size(), message, true));
        }
        return segments;
    }

    /** The text of a short_message as sent by {@link #split} (the UDH stripped when {@code udh}). */
    public static String text(byte[] shortMessage, boolean udh) {
        int skip = udh ? (shortMessage[0] & 0xFF) + 1 : 0;
        return new String(shortMessage, skip, shortMessage.length - skip, StandardCharsets.UTF_16BE);
    }
}
