package org.serveline.telephony.ami;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * An AMI event as an immutable record, converted from asterisk-java's mutable bean at the link boundary. Only the
 * events the call logic uses have their own type; every other event arrives as {@link OtherEvent}.
 * Missing numeric fields are {@code -1}; missing text fields are {@code ""}.
 */
public sealed interface AmiEvent {

    /** When the AMI reader took the event off the wire (not when a subscriber saw it). */
    Instant receivedAt();

    /** The AMI event name, e.g. {@code Hangup}. */
    String name();

    /** The channel an event is about, as Asterisk describes it in every channel event. */
    record ChannelRef(String channel, String uniqueId, String linkedId, int state, String stateDesc,
                      String callerIdNum, String context, String exten) {

        /** Asterisk's ChannelState 6. */
        public boolean isUp() {
            return state == 6;
        }

        /** The ";2" half of a Local channel: the side that faces the dialled party. */
        public boolean isLocalPartyHalf() {
            return channel.startsWith("Local/") && channel.endsWith(";2");
        }
    }

    record Newchannel(Instant receivedAt, ChannelRef channel) implements AmiEvent {
        public String name() {
            return "Newchannel";
        }
    }

    record Newstate(Instant receivedAt, ChannelRef channel) implements AmiEvent {
        public String name() {
            return "Newstate";
        }
    }

    record VarSet(Instant receivedAt, ChannelRef channel, String variable, String value) implements AmiEvent {
        public String name() {
            return "VarSet";
        }
    }

    /** {@code caller} is empty for an Originate's own dial (Asterisk then sends only the Dest* fields). */
    record DialBegin(Instant receivedAt, Optional<ChannelRef> caller, ChannelRef destination, String dialString)
            implements AmiEvent {
        public String name() {
            return "DialBegin";
        }
    }

    record DialEnd(Instant receivedAt, Optional<ChannelRef> caller, ChannelRef destination, String dialStatus)
            implements AmiEvent {
        public String name() {
            return "DialEnd";
        }
    }

    /**
     * The fate of an async Originate. {@code uniqueId} is empty when Asterisk reports {@code <unknown>} (the call
     * failed before a channel survived).
     */
    record OriginateResponse(Instant receivedAt, String actionId, boolean success, int reason, String channel,
                             Optional<String> uniqueId, String context, String exten, String application,
                             String data) implements AmiEvent {
        public String name() {
            return "OriginateResponse";
        }
    }

    record Hangup(Instant receivedAt, ChannelRef channel, int cause, String causeText) implements AmiEvent {
        public String name() {
            return "Hangup";
        }
    }

    /**
     * HangupRequest ({@code soft == false}: asked for by the channel's far end, e.g. a SIP BYE) or
     * SoftHangupRequest ({@code soft == true}: asked for by Asterisk itself, e.g. the dialplan, AGI or AMI).
     */
    record HangupRequest(Instant receivedAt, ChannelRef channel, int cause, boolean soft) implements AmiEvent {
        public String name() {
            return soft ? "SoftHangupRequest" : "HangupRequest";
        }
    }

    record DtmfBegin(Instant receivedAt, ChannelRef channel, String digit, String direction) implements AmiEvent {
        public String name() {
            return "DTMFBegin";
        }
    }

    record DtmfEnd(Instant receivedAt, ChannelRef channel, String digit, String direction, long durationMs)
            implements AmiEvent {
        public String name() {
            return "DTMFEnd";
        }
    }

    record MixMonitorStart(Instant receivedAt, ChannelRef channel) implements AmiEvent {
        public String name() {
            return "MixMonitorStart";
        }
    }

    record MixMonitorStop(Instant receivedAt, ChannelRef channel) implements AmiEvent {
        public String name() {
            return "MixMonitorStop";
        }
    }

    record BridgeEnter(Instant receivedAt, ChannelRef channel, String bridgeUniqueId) implements AmiEvent {
        public String name() {
            return "BridgeEnter";
        }
    }

    record BridgeLeave(Instant receivedAt, ChannelRef channel, String bridgeUniqueId) implements AmiEvent {
        public String name() {
            return "BridgeLeave";
        }
    }

    /** A PJSIP contact changed, e.g. status {@code Created}, {@code Removed}, {@code Reachable}, {@code NonQualified}. */
    record ContactStatus(Instant receivedAt, String endpoint, String aor, String uri, String status)
            implements AmiEvent {
        public String name() {
            return "ContactStatus";
        }
    }

    /** {@code endpoint} is the peer without its technology ({@code PJSIP/agent100} gives {@code agent100}). */
    record PeerStatus(Instant receivedAt, String channelType, String peer, String endpoint, String status,
                      String cause) implements AmiEvent {
        public String name() {
            return "PeerStatus";
        }
    }

    /** One row of a CoreShowChannels listing; {@code variables} holds the ChanVariable headers, if any. */
    record CoreShowChannel(Instant receivedAt, String actionId, ChannelRef channel, String application,
                           String applicationData, String duration, Map<String, String> variables)
            implements AmiEvent {
        public CoreShowChannel {
            variables = Map.copyOf(variables);
        }

        public String name() {
            return "CoreShowChannel";
        }
    }

    /**
     * Not sent by Asterisk: the link itself lost the PBX (connection dropped, Ping unanswered). Events are missed
     * from here until the next {@link LinkUp}; the calls may have died with the PBX or may still be up.
     */
    record LinkLost(Instant receivedAt, String reason) implements AmiEvent {
        public String name() {
            return "LinkLost";
        }
    }

    /** Not sent by Asterisk: the link logged in; {@code again} when it had been up before (a reconnect). */
    record LinkUp(Instant receivedAt, boolean again) implements AmiEvent {
        public String name() {
            return "LinkUp";
        }
    }

    /** Any other event: its name and its headers as asterisk-java understood them. */
    record OtherEvent(Instant receivedAt, String name, Map<String, String> headers) implements AmiEvent {
        public OtherEvent {
            headers = Map.copyOf(headers);
        }
    }
}
