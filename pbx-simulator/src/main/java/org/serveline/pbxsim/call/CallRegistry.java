package org.serveline.pbxsim.call;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The live calls, by channel name, and the call counters. */
public final class CallRegistry {

    private final Map<String, SimCall> byChannel = new ConcurrentHashMap<>();
    private final CallCounters counters = new CallCounters();

    void add(SimCall call) {
        byChannel.put(call.one().name(), call);
        byChannel.put(call.two().name(), call);
        counters.started();
    }

    void remove(SimCall call) {
        boolean present = byChannel.remove(call.one().name()) != null;
        byChannel.remove(call.two().name());
        if (present) {
            counters.ended();
        }
    }

    /** Every live call once. */
    List<SimCall> calls() {
        return byChannel.values().stream().distinct().toList();
    }

    Optional<SimCall> call(String channelName) {
        return Optional.ofNullable(byChannel.get(channelName));
    }

    /** Every live channel, oldest call first, ";1" before ";2". */
    List<SimChannel> channels() {
        List<SimChannel> channels = new ArrayList<>();
        for (Map.Entry<String, SimCall> entry : byChannel.entrySet()) {
            SimCall call = entry.getValue();
            channels.add(entry.getKey().equals(call.one().name()) ? call.one() : call.two());
        }
        channels.sort(Comparator.comparing(SimChannel::uniqueid, CallRegistry::compareUniqueids));
        return channels;
    }

    private static int compareUniqueids(String a, String b) {
        int dotA = a.lastIndexOf('.');
        int dotB = b.lastIndexOf('.');
        if (dotA > 0 && dotB > 0 && a.regionMatches(0, b, 0, Math.max(dotA, dotB))) {
            try {
                return Long.compare(Long.parseLong(a.substring(dotA + 1)), Long.parseLong(b.substring(dotB + 1)));
            } catch (NumberFormatException e) {
                return a.compareTo(b);
            }
        }
        return a.compareTo(b);
    }

    public CallCounters counters() {
        return counters;
    }
}
