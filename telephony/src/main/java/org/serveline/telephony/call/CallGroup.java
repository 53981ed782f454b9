package org.serveline.telephony.call;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.serveline.telephony.ami.AmiEvent.ChannelRef;

/** What is known of the channels sharing one Linkedid (one call), whether or not an attempt is tied to it yet. */
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
         * Whether the party's side started the hang-up. A soft request or a bare hangup starts on its own leg; a
         * (non-soft) HangupRequest comes from the leg's far end: for the ";2" half of a Local channel that is the
         * ";1" half (our side), for the ";1" half it is the party, for a real channel it is the remote party.
         */
        boolean partyEnded(String controlUniqueId) {
            if (kind != EndKind.REMOTE_REQUEST) {
                return !uniqueId.equals(controlUniqueId);
            }
            return !(channel.startsWith("Local/") && channel.endsWith(";2"));
        }
    }

    private static final class Leg {
        private final String channel;
        private Instant upAt;
        private int cause = -1;
        private boolean hungUp;

        private Leg(String channel) {
            this.channel = channel;
        }
    }

    private final String linkedId;
    private final Map<String, Leg> legs = new LinkedHashMap<>();
    private String dialStatus = "";
    private EndSignal firstEndAfterAnswer;
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

    java.util.Set<String> uniqueIds() {
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

    void dialEnded(String status, Instant at) {
        lastActivity = at;
        dialStatus = status;
    }

    void ending(ChannelRef channel, EndKind kind, Instant at) {
        seen(channel, at);
        if (firstEndAfterAnswer == null && firstUp().isPresent()) {
            firstEndAfterAnswer = new EndSignal(channel.uniqueId(), channel.channel(), at, kind);
        }
    }

    void hungUp(ChannelRef channel, int cause, Instant at) {
        ending(channel, EndKind.HANGUP, at);
        Leg leg = legs.get(channel.uniqueId());
        if (leg != null) {
            leg.cause = cause;
            leg.hungUp = true;
        }
    }

    String dialStatus() {
        return dialStatus;
    }

    Optional<Instant> firstUp() {
        return legs.values().stream().map(leg -> leg.upAt).filter(at -> at != null).min(Instant::compareTo);
    }

    Optional<EndSignal> firstEndAfterAnswer() {
        return Optional.ofNullable(firstEndAfterAnswer);
    }

    boolean allHungUp() {
        return !legs.isEmpty() && legs.values().stream().allMatch(leg -> leg.hungUp);
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
