package org.serveline.telephony.call;

import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.serveline.telephony.ami.AmiEvent;
import org.serveline.telephony.ami.AmiEvent.ChannelRef;

/**
 * The calls a tracker knows, by Linkedid, and which call each Uniqueid belongs to (an event that lacks its
 * Linkedid is filed by its Uniqueid). Not thread-safe: the tracker's lock guards it.
 */
final class CallGroups {

    private final Map<String, CallGroup> groups = new LinkedHashMap<>();
    private final Map<String, String> linkedIdByUniqueId = new HashMap<>();

    /** The call of {@code channel}, created on its first event. */
    CallGroup seen(ChannelRef channel, Instant at) {
        String linkedId = channel.linkedId().isEmpty()
                ? linkedIdByUniqueId.getOrDefault(channel.uniqueId(), channel.uniqueId()) : channel.linkedId();
        if (!channel.uniqueId().isEmpty()) {
            linkedIdByUniqueId.put(channel.uniqueId(), linkedId);
        }
        CallGroup group = groups.computeIfAbsent(linkedId, id -> new CallGroup(id, at));
        group.seen(channel, at);
        return group;
    }

    Optional<CallGroup> get(String linkedId) {
        return Optional.ofNullable(linkedId).map(groups::get);
    }

    CallGroup getOrCreate(String linkedId, Instant now) {
        return groups.computeIfAbsent(linkedId, id -> new CallGroup(id, now));
    }

    /** The Linkedid of the call a Uniqueid belongs to, or the Uniqueid itself when unknown. */
    String linkedIdOf(String uniqueId) {
        return linkedIdByUniqueId.getOrDefault(uniqueId, uniqueId);
    }

    /** LocalOptimizationBegin: both halves of the Local pair leave the call; returns the call when known. */
    Optional<CallGroup> localOptimisation(AmiEvent.OtherEvent event) {
        Optional<CallGroup> touched = Optional.empty();
        for (String half : new String[] {"LocalOneUniqueid", "LocalTwoUniqueid"}) {
            String uniqueId = event.headers().getOrDefault(half, "");
            CallGroup group = uniqueId.isEmpty() ? null : groups.get(linkedIdByUniqueId.get(uniqueId));
            if (group != null) {
                group.optimisingAway(uniqueId);
                touched = Optional.of(group);
            }
        }
        return touched;
    }

    /** Forgets calls quiet since before {@code horizon} that {@code open} does not claim. */
    void forgetQuietSince(Instant horizon, Predicate<CallGroup> open) {
        Iterator<CallGroup> it = groups.values().iterator();
        while (it.hasNext()) {
            CallGroup group = it.next();
            if (!open.test(group) && group.lastActivity().isBefore(horizon)) {
                group.uniqueIds().forEach(linkedIdByUniqueId::remove);
                it.remove();
            }
        }
    }

    int size() {
        return groups.size();
    }
}
