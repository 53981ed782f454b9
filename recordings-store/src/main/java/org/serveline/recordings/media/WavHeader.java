package org.serveline.recordings.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a RIFF/WAVE header far enough to tell whether the file is shorter than its {@code data} chunk says. ffmpeg
 * happily decodes what is there, so a cut-off recording would otherwise pass as a shorter, complete one.
 */
public final class WavHeader {

    private static final int MAX_CHUNKS = 64;

    private WavHeader() {
    }

    /**
     * How many bytes the file lacks to hold its whole {@code data} chunk; 0 when complete, when the header leaves
     * the size open (0 or 0xFFFFFFFF, as streaming writers do), or when the file is not RIFF/WAVE at all.
     */
    public static long missingBytes(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long fileSize = channel.size();
            ByteBuffer head = read(channel, 0, 12);
            if (head == null || !tag(head, 0).equals("RIFF") || !tag(head, 8).equals("WAVE")) {
                return 0;
            }
            long offset = 12;
            for (int i = 0; i < MAX_CHUNKS; i++) {
                ByteBuffer chunk = read(channel, offset, 8);
                if (chunk == null) {
                    return 0;
                }
                long size = Integer.toUnsignedLong(chunk.getInt(4));
                if (tag(chunk, 0).equals("data")) {
                    if (size == 0 || size == 0xFFFFFFFFL) {
                        return 0;
                    }
                    return Math.max(0, offset + 8 + size - fileSize);
                }
                offset += 8 + size + (size & 1);
            }
            return 0;
        }
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                return null;
            }
        }
        return buffer.flip();
    }

    private static String tag(ByteBuffer buffer, int at) {
        byte[] bytes = new byte[4];
        buffer.get(at, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
