package org.serveline.telephony.ami;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A recorded AMI session: the exact server bytes ({@code ami-X.raw}) cut into frames, grouped into segments that
 * each start with the response to one client action; the actions come from the transcript ({@code ami-X.txt}).
 */
public record AmiTrace(String name, String banner, Map<String, List<String>> segmentsByActionId,
                       Map<String, String> actionIdByAction) {

    public static AmiTrace load(String name) throws IOException {
        String raw = Files.readString(Fixtures.file("ami-" + name + ".raw"), StandardCharsets.UTF_8);
        int bannerEnd = raw.indexOf("\r\n");
        String banner = raw.substring(0, bannerEnd);
        Map<String, List<String>> segments = new LinkedHashMap<>();
        List<String> currentSegment = null;
        for (String frame : raw.substring(bannerEnd + 2).split("\r\n\r\n")) {
            if (frame.isBlank()) {
                continue;
            }
            String full = frame + "\r\n\r\n";
            if (frame.startsWith("Response:")) {
                currentSegment = new ArrayList<>();
                segments.put(header(frame, "ActionID").orElseThrow(), currentSegment);
            }
            if (currentSegment == null) {
                throw new IllegalStateException("event before the first response in " + name);
            }
            currentSegment.add(full);
        }
        Map<String, String> actions = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(Fixtures.file("ami-" + name + ".txt"), StandardCharsets.UTF_8);
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).startsWith(">> Action: ") && lines.get(i + 1).startsWith(">> ActionID: ")) {
                actions.put(lines.get(i).substring(11), lines.get(i + 1).substring(13));
            }
        }
        return new AmiTrace(name, banner, segments, actions);
    }

    /** The recorded frames answering the client's {@code action}, with the recorded ActionID replaced by {@code actionId}. */
    public List<String> answer(String action, String actionId) {
        String recorded = actionIdByAction.get(action);
        if (recorded == null) {
            return List.of();
        }
        String from = "ActionID: " + recorded + "\r\n";
        String to = "ActionID: " + actionId + "\r\n";
        return segmentsByActionId.getOrDefault(recorded, List.of()).stream().map(f -> f.replace(from, to)).toList();
    }

    /** The number of frames that are events (everything but responses). */
    public long eventCount() {
        return segmentsByActionId.values().stream().flatMap(List::stream).filter(f -> f.startsWith("Event:")).count();
    }

    public static Optional<String> header(String frame, String name) {
        for (String line : frame.split("\r\n")) {
            if (line.regionMatches(true, 0, name + ": ", 0, name.length() + 2)) {
                return Optional.of(line.substring(name.length() + 2));
            }
        }
        return Optional.empty();
    }
}
