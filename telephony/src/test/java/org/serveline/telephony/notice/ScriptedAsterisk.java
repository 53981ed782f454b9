package org.serveline.telephony.notice;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Asterisk's side of a notice call, scripted per test: replies queued for commands starting with a prefix, used in
 * order; everything else gets the reply of a live channel where nothing happens (no key, playback to the end).
 */
final class ScriptedAsterisk implements Function<String, List<String>> {

    private final Map<String, Deque<List<String>>> queued = new LinkedHashMap<>();

    /** Queues one reply (one or more lines) for the next command starting with {@code prefix}. */
    ScriptedAsterisk on(String prefix, String... lines) {
        queued.computeIfAbsent(prefix, p -> new ArrayDeque<>()).add(List.of(lines));
        return this;
    }

    @Override
    public synchronized List<String> apply(String command) {
        for (Map.Entry<String, Deque<List<String>>> entry : queued.entrySet()) {
            if (command.startsWith(entry.getKey()) && !entry.getValue().isEmpty()) {
                return entry.getValue().poll();
            }
        }
        return new ArrayList<>(List.of(quiet(command)));
    }

    private static String quiet(String command) {
        if (command.startsWith("STREAM FILE")) {
            return "200 result=0 endpos=8000";
        }
        if (command.startsWith("GET DATA")) {
            return "200 result= (timeout)";
        }
        if (command.startsWith("SET VARIABLE")) {
            return "200 result=1";
        }
        if (command.startsWith("CHANNEL STATUS")) {
            return "200 result=6";
        }
        return "200 result=0";
    }
}
