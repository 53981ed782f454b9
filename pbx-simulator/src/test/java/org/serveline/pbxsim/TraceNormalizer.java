package org.serveline.pbxsim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.serveline.pbxsim.ami.AmiMessage;

/**
 * Makes a real trace and the simulator's output comparable: ids, times and ports are replaced by
 * placeholders; every header name is kept, in order.
 *
 * <p>Filtered out on both sides, because the simulator does not reproduce them and our code does not use them:
 * <ul>
 * <li>{@code Newexten}: one per dialplan step, mostly of the test-only simulated-parties context;</li>
 * <li>{@code DeviceStateChange}: device-state aggregation, whose number and order differ from run to run
 * (compare ami-1001 and ami-1007);</li>
 * <li>{@code VarSet PLAYBACKSTATUS} on the ";2" half: the party's own Playback in the simulated-parties
 * dialplan, a callee-side artefact that a real callee on a trunk does not produce.</li>
 * </ul>
 * Values not compared: Uniqueid/Linkedid (replaced when they look like ids), CommandId, the Local channel
 * sequence, the AGI port, the MixMonitor directory, {@code Priority} on ";2" events (steps of the test-only
 * simulated-parties dialplan) and the DestChannelState/Desc of DialBegin (a snapshot that races with the
 * Ringing state: Down in ami-1002, Ringing in ami-1001).
 */
final class TraceNormalizer {

    private static final Set<String> FILTERED_EVENTS = Set.of("Newexten", "DeviceStateChange");

    private TraceNormalizer() {
    }

    static boolean kept(AmiMessage event) {
        String name = event.getOrEmpty("Event");
        if (FILTERED_EVENTS.contains(name)) {
            return false;
        }
        return !(name.equals("VarSet") && event.getOrEmpty("Channel").endsWith(";2")
                && event.getOrEmpty("Variable").equals("PLAYBACKSTATUS"));
    }

    static List<String> normalize(AmiMessage event) {
        String name = event.getOrEmpty("Event");
        boolean partyHalf = event.getOrEmpty("Channel").endsWith(";2");
        List<String> out = new ArrayList<>();
        for (AmiMessage.Header h : event.headers()) {
            String value = h.value();
            String key = h.name();
            if (key.endsWith("Uniqueid") || key.endsWith("Linkedid")) {
                value = value.matches("\\d+\\.\\d+") ? "<id>" : value;
            } else if (key.equals("CommandId")) {
                value = "<n>";
            } else if (key.equals("Priority") && partyHalf) {
                value = "<party-step>";
            } else if (name.equals("DialBegin") && key.startsWith("DestChannelState")) {
                value = "<racy>";
            } else if (key.equals("Value") && event.getOrEmpty("Variable").equals("MIXMONITOR_FILENAME")) {
                value = value.replaceAll("^.*/", "<spool>/").replaceAll("\\d+\\.\\d+\\.wav$", "<id>.wav");
            }
            value = value.replaceAll("-[0-9a-f]{8};", "-<seq>;").replaceAll("127\\.0\\.0\\.1:\\d+/", "127.0.0.1:<port>/");
            out.add(key + ": " + value);
        }
        return out;
    }

    /**
     * Events per stream: each Local half (";1", ";2") and the dial (DialBegin/DialState/DialEnd), in order.
     * Asterisk publishes the halves and the dial from different threads, so only the order inside a stream is
     * stable between runs (ami-1001 and ami-1002 interleave the same streams differently).
     */
    static Map<String, List<List<String>>> streams(List<AmiMessage> events) {
        Map<String, List<List<String>>> streams = new LinkedHashMap<>();
        for (AmiMessage event : events) {
            if (!kept(event)) {
                continue;
            }
            List<String> normalized = normalize(event);
            for (String stream : streamsOf(event)) {
                streams.computeIfAbsent(stream, s -> new ArrayList<>()).add(normalized);
            }
        }
        return streams;
    }

    private static List<String> streamsOf(AmiMessage event) {
        String name = event.getOrEmpty("Event");
        if (name.equals("LocalBridge")) {
            return List.of(";1", ";2");
        }
        if (event.get("DestChannel").isPresent()) {
            return List.of("dial");
        }
        String channel = event.getOrEmpty("Channel");
        return List.of(channel.endsWith(";2") ? ";2" : channel.isEmpty() ? "other" : ";1");
    }

    /** An AGI transcript line with ids, thread ids and the port replaced. */
    static String normalizeAgiLine(String line) {
        if (line.startsWith("<< agi_uniqueid: ") || line.startsWith("<< agi_threadid: ")) {
            return line.substring(0, line.indexOf(':') + 1) + " <id>";
        }
        return line.replaceAll("-[0-9a-f]{8};", "-<seq>;").replaceAll("127\\.0\\.0\\.1:\\d+/", "127.0.0.1:<port>/");
    }
}
