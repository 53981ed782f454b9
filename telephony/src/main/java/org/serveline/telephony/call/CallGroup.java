package org.serveline.telephony.call;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.serveline.telephony.ami.AmiEvent.ChannelRef;

/**
 * What is known of the channels sharing one Linkedid (one call), whether or not an attempt is tied to it yet. The
 * call is over when every leg seen has hung up: both halves of a Local channel, and the channels a Local channel
 * optimised itself away for (they share the Linkedid).
 */
final class CallGroup {

    enum EndKind {
        /** HangupRequest: asked for by the channel's far end. */
        REMOTE_REQUEST,
        /** SoftHangupRequest: asked for by Asterisk (dialplan, AGI, AMI). */
        LOCAL_REQUEST,
        HANGUP
    }

    record EndSignal(String uniqueId, String channel, Instant at, EndKind kind) {

        /**
         * Whether the party's side started the hang-up. A soft request or a bare hangup starts on its own leg: the
         * originated channel's is ours, any other leg's is the party's. A (non-soft) HangupRequest comes from the
         * leg's far end: on the originated channel that is the party for a notice call but the operator's phone for
         * an operator call (ours); on the ";2" half of a Local channel it is the ";1" half (ours); on any other leg
         * it is the party.
         */
        boolean partyEnded(String controlUniqueId, boolean operatorCall) {
            boolean control = uniqueId.equals(controlUniqueId);
            if (kind != EndKind.REMOTE_REQUEST) {
                return !control;
            }
            if (control) {
                return !operatorCall;
            }
            return !(channel.startsWith("Local/") && channel.endsWith(";2"));
        }
    }

    private static final class Leg {
        private final String channel;
        private Instant upAt;
        private int cause = -1;
        private Instant hungUpAt;

        private Leg(String channel) {
            this.channel = channel;
        }
    }

    private final String linkedId;
    private final Map<String, Leg> legs = new LinkedHashMap<>();
    private final List<EndSignal> ends = new ArrayList<>();
    private final Map<String, String> variables = new HashMap<>();
    private final Set<String> optimisedAway = new java.util.HashSet<>();
    private String dialStatus = "";
    private String attemptId;
    private Instant lastActivity;

    CallGroup(String linkedId, Instant now) {
        this.linkedId = linkedId;
        this.lastActivity = now;
    }

    String linkedId() {
        return linkedId;
    }

    Optional<String> attemptId() {
        return Optional.ofNullable(attemptId);
    }

    void bind(String attempt) {
        this.attemptId = attempt;
    }

    Instant lastActivity() {
        return lastActivity;
    }

    Set<String> uniqueIds() {
        return legs.keySet();
    }

    void seen(ChannelRef channel, Instant at) {
        lastActivity = at;
        if (!channel.uniqueId().isEmpty()) {
            Leg leg = legs.computeIfAbsent(channel.uniqueId(), id -> new Leg(channel.channel()));
            if (channel.isUp() && leg.upAt == null) {
                leg.upAt = at;
            }
        }
    }

    /** A leg known to have been answered before we saw any of its events (an adopted call). */
    void answeredBefore(String uniqueId, String channel, Instant at) {
        legs.computeIfAbsent(uniqueId, id -> new Leg(channel)).upAt = at;
    }

    /** A leg listed live by the PBX (after a reconnect or an adoption): the call is not over while it lives. */
    void live(String uniqueId, String channel) {
        legs.computeIfAbsent(uniqueId, id -> new Leg(channel));
    }

    /**
     * After the link was lost: every leg the PBX no longer lists went while we did not listen; it counts as hung up
     * (cause unknown) at {@code at}. Returns whether any leg is left.
     */
    boolean keepOnly(Set<String> liveUniqueIds, Instant at) {
        legs.forEach((uniqueId, leg) -> {
            if (leg.hungUpAt == null && !liveUniqueIds.contains(uniqueId)) {
                leg.hungUpAt = at;
            }
        });
        return !allHungUp();
    }

    /**
     * A Local channel pair began to optimise itself away (LocalOptimizationBegin): its halves will hang up while the
     * call goes on between the channels it joined, so their hang-ups say nothing about who ended the call.
     */
    void optimisingAway(String uniqueId) {
        optimisedAway.add(uniqueId);
    }

    void dialEnded(String status, Instant at) {
        lastActivity = at;
        dialStatus = status;
    }

    void variable(String name, String value) {
        variables.put(name, value);
    }

    String variable(String name) {
        return variables.getOrDefault(name, "");
    }

    void ending(ChannelRef channel, EndKind kind, Instant at) {
        seen(channel, at);
        ends.add(new EndSignal(channel.uniqueId(), channel.channel(), at, kind));
    }

    void hungUp(ChannelRef channel, int cause, Instant at) {
        ending(channel, EndKind.HANGUP, at);
        Leg leg = legs.get(channel.uniqueId());
        if (leg != null) {
            leg.cause = cause;
            leg.hungUpAt = at;
        }
    }

    String dialStatus() {
        return dialStatus;
    }

    Optional<Instant> firstUp() {
        return legs.values().stream().map(leg -> leg.upAt).filter(at -> at != null).min(Instant::compareTo);
    }

    /** When a leg other than {@code uniqueId} first came up: the party's answer on an operator call. */
    Optional<Instant> firstUpExcept(String uniqueId) {
        return legs.entrySet().stream().filter(e -> !e.getKey().equals(uniqueId)).map(e -> e.getValue().upAt)
                .filter(at -> at != null).min(Instant::compareTo);
    }

    Optional<Instant> upAt(String uniqueId) {
        return Optional.ofNullable(legs.get(uniqueId)).map(leg -> leg.upAt);
    }

    /** The first hang-up request or hang-up at or after {@code answeredAt}, not counting optimised-away legs. */
    Optional<EndSignal> firstEndSince(Instant answeredAt) {
        return ends.stream().filter(end -> !end.at().isBefore(answeredAt))
                .filter(end -> !optimisedAway.contains(end.uniqueId())).findFirst();
    }

    boolean allHungUp() {
        return !legs.isEmpty() && legs.values().stream().allMatch(leg -> leg.hungUpAt != null);
    }

    /** When the last leg hung up; empty while one lives. */
    Optional<Instant> endedAt() {
        return allHungUp() ? legs.values().stream().map(leg -> leg.hungUpAt).max(Instant::compareTo) : Optional.empty();
    }

    /** Hangup causes of the legs: the party-facing legs (not {@code controlUniqueId}, Local ";2" first), then ours. */
    List<Integer> causesPartyFirst(String controlUniqueId) {
        List<Integer> party = new ArrayList<>();
        List<Integer> ours = new ArrayList<>();
        legs.forEach((uniqueId, leg) -> {
            if (leg.cause < 0) {
                return;
            }
            boolean control = uniqueId.equals(controlUniqueId) || (controlUniqueId == null && leg.channel.endsWith(";1"));
            if (control) {
                ours.add(leg.cause);
            } else if (leg.channel.endsWith(";2")) {
                party.add(0, leg.cause);
            } else {
                party.add(leg.cause);
            }
        });
        party.addAll(ours);
        return party;
    }

    @Override
    public String toString() {
        return "CallGroup[" + linkedId + ", legs=" + legs.keySet() + ", dial=" + dialStatus + "]";
    }
}
