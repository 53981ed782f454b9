package org.serveline.telephony.ami;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A stream recorded by a passive AMI session while Serveline drove the PBX ({@code serveline-*.txt}): one AMI message
 * per block, each preceded by {@code # t=<seconds since the tap logged in>}, CR LF turned into LF.
 */
public record TappedTrace(String name, List<Block> blocks) {

    /** One AMI message: when the tap received it, and its exact wire frame (CR LF restored). */
    public record Block(Duration at, String frame) {

        public boolean isEvent() {
            return frame.startsWith("Event: ");
        }
    }

    public static TappedTrace load(String name) throws IOException {
        String text = Files.readString(Fixtures.file(name), StandardCharsets.UTF_8);
        List<Block> blocks = new ArrayList<>();
        for (String chunk : text.split("(?m)^# t=")) {
            if (chunk.isBlank()) {
                continue;
            }
            int eol = chunk.indexOf('\n');
            Duration at = Duration.ofNanos(Math.round(Double.parseDouble(chunk.substring(0, eol).trim()) * 1e9));
            StringBuilder frame = new StringBuilder();
            for (String line : chunk.substring(eol + 1).split("\n")) {
                if (!line.isEmpty()) {
                    frame.append(line).append("\r\n");
                }
            }
            blocks.add(new Block(at, frame.append("\r\n").toString()));
        }
        return new TappedTrace(name, List.copyOf(blocks));
    }

    /** The event blocks, in the order the tap received them. */
    public List<Block> events() {
        return blocks.stream().filter(Block::isEvent).toList();
    }
}
