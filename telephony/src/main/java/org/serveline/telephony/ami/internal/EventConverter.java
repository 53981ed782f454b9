package org.serveline.telephony.ami.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.asteriskjava.manager.event.AbstractChannelEvent;
import org.asteriskjava.manager.event.BridgeEnterEvent;
import org.asteriskjava.manager.event.BridgeEvent;
import org.asteriskjava.manager.event.BridgeLeaveEvent;
import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.ContactStatusEvent;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.DialBeginEvent;
import org.asteriskjava.manager.event.DialEndEvent;
import org.asteriskjava.manager.event.DialEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.DtmfBeginEvent;
import org.asteriskjava.manager.event.DtmfEndEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.HangupRequestEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.MixMonitorStartEvent;
import org.asteriskjava.manager.event.MixMonitorStopEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.asteriskjava.manager.event.NewStateEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.event.PeerStatusEvent;
import org.asteriskjava.manager.event.SoftHangupRequestEvent;
import org.asteriskjava.manager.event.VarSetEvent;
import org.serveline.telephony.ami.AmiEvent;
import org.serveline.telephony.ami.AmiEvent.ChannelRef;

/**
 * Turns asterisk-java's mutable event beans into {@link AmiEvent} records. Runs on the link's event thread.
 */
final class EventConverter {

    /** asterisk-java re-fires some events in a legacy shape (DialBegin as DialEvent, bridges as BridgeEvent). */
    private static final Set<Class<?>> LEGACY_DUPLICATES = Set.of(DialEvent.class, BridgeEvent.class);
    private static final Set<String> BEAN_NOISE = Set.of("getClass", "getSource", "getDateReceived",
            "getChannelVariables", "getInternalActionId");

    /** A bean property of an event class: its getter and its header name, found once per class. */
    private record Property(Method getter, String name) {
    }

    private final Map<Class<?>, List<Property>> propertiesByClass = new ConcurrentHashMap<>();

    /** The record for {@code event}, or empty for asterisk-java's own pseudo events and legacy duplicates. */
    Optional<AmiEvent> convert(ManagerEvent event, Instant at) {
        if (LEGACY_DUPLICATES.contains(event.getClass()) || event instanceof ConnectEvent
                || event instanceof DisconnectEvent) {
            return Optional.empty();
        }
        return Optional.of(switch (event) {
            case NewChannelEvent e -> new AmiEvent.Newchannel(at, channel(e, e.getLinkedid()));
            case NewStateEvent e -> new AmiEvent.Newstate(at, channel(e, e.getLinkedId()));
            case VarSetEvent e -> new AmiEvent.VarSet(at, varSetChannel(e), text(e.getVariable()), text(e.getValue()));
            case DialBeginEvent e -> new AmiEvent.DialBegin(at, caller(e, e.getLinkedId()),
                    destination(e, e.getDestLinkedId()), text(e.getDialString()));
            case DialEndEvent e -> new AmiEvent.DialEnd(at, caller(e, e.getLinkedId()),
                    destination(e, e.getDestLinkedId()), text(e.getDialStatus()));
            case OriginateResponseEvent e -> originateResponse(e, at);
            case HangupEvent e -> new AmiEvent.Hangup(at, channel(e, e.getLinkedId()), number(e.getCause()),
                    text(e.getCauseTxt()));
            case HangupRequestEvent e -> new AmiEvent.HangupRequest(at, channel(e, e.getLinkedId()),
                    number(e.getCause()), false);
            case SoftHangupRequestEvent e -> new AmiEvent.HangupRequest(at, channel(e, e.getLinkedId()),
                    number(e.getCause()), true);
            case DtmfBeginEvent e -> new AmiEvent.DtmfBegin(at, channelRef(e, e.getChannel(), e.getUniqueId(),
                    e.getLinkedId()), text(e.getDigit()), text(e.getDirection()));
            case DtmfEndEvent e -> new AmiEvent.DtmfEnd(at, channelRef(e, e.getChannel(), e.getUniqueId(),
                    e.getLinkedId()), text(e.getDigit()), text(e.getDirection()), number(e.getDurationMs()));
            case MixMonitorStartEvent e -> new AmiEvent.MixMonitorStart(at,
                    channelRef(e, e.getChannel(), e.getUniqueId(), e.getLinkedId()));
            case MixMonitorStopEvent e -> new AmiEvent.MixMonitorStop(at,
                    channelRef(e, e.getChannel(), e.getUniqueId(), e.getLinkedId()));
            case BridgeEnterEvent e -> new AmiEvent.BridgeEnter(at,
                    channelRef(e, e.getChannel(), e.getUniqueId(), e.getLinkedId()), text(e.getBridgeUniqueId()));
            case BridgeLeaveEvent e -> new AmiEvent.BridgeLeave(at,
                    channelRef(e, e.getChannel(), e.getUniqueId(), e.getLinkedId()), text(e.getBridgeUniqueId()));
            case ContactStatusEvent e -> new AmiEvent.ContactStatus(at, text(e.getEndpointName()), text(e.getAor()),
                    text(e.getUri()), text(e.getContactStatus()));
            case PeerStatusEvent e -> peerStatus(e, at);
            case CoreShowChannelEvent e -> new AmiEvent.CoreShowChannel(at, text(e.getActionId()),
                    channelRef(e, e.getChannel(), e.getUniqueid(), e.getLinkedid()), text(e.getApplication()),
                    text(e.getApplicationdata()), text(e.getDuration()), variables(e));
            default -> other(event, at);
        });
    }

    private static AmiEvent.OriginateResponse originateResponse(OriginateResponseEvent e, Instant at) {
        String uniqueId = e.getUniqueId();
        Optional<String> known = uniqueId == null || uniqueId.isBlank() || uniqueId.equals("<unknown>")
                ? Optional.empty() : Optional.of(uniqueId);
        return new AmiEvent.OriginateResponse(at, text(e.getActionId()), "Success".equalsIgnoreCase(e.getResponse()),
                number(e.getReason()), text(e.getChannel()), known, text(e.getContext()), text(e.getExten()),
                text(e.getApplication()), text(e.getData()));
    }

    private static AmiEvent.PeerStatus peerStatus(PeerStatusEvent e, Instant at) {
        String peer = text(e.getPeer());
        String endpoint = peer.contains("/") ? peer.substring(peer.indexOf('/') + 1) : peer;
        return new AmiEvent.PeerStatus(at, text(e.getChannelType()), peer, endpoint, text(e.getPeerStatus()),
                text(e.getCause()));
    }

    private static ChannelRef channel(AbstractChannelEvent e, String linkedId) {
        return channelRef(e, e.getChannel(), e.getUniqueId(), linkedId);
    }

    private static ChannelRef varSetChannel(VarSetEvent e) {
        return channelRef(e, e.getChannel(), e.getUniqueId(), e.getLinkedId());
    }

    private static ChannelRef channelRef(ManagerEvent e, String channel, String uniqueId, String linkedId) {
        return new ChannelRef(text(channel), text(uniqueId), text(linkedId), number(e.getChannelState()),
                text(e.getChannelStateDesc()), text(e.getCallerIdNum()), text(e.getContext()), text(e.getExten()));
    }

    private static Optional<ChannelRef> caller(DialEvent e, String linkedId) {
        if (e.getChannel() == null || e.getChannel().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(channelRef(e, e.getChannel(), e.getUniqueId(), linkedId));
    }

    private static ChannelRef destination(DialEvent e, String destLinkedId) {
        return new ChannelRef(text(e.getDestChannel()), text(e.getDestUniqueId()), text(destLinkedId),
                number(e.getDestChannelState()), text(e.getDestChannelStateDesc()), text(e.getDestCallerIdNum()),
                text(e.getDestContext()), text(e.getDestExten()));
    }

    private static Map<String, String> variables(ManagerEvent e) {
        Map<String, String> variables = e.getChannelVariables();
        return variables == null ? Map.of() : variables;
    }

    private AmiEvent.OtherEvent other(ManagerEvent event, Instant at) {
        List<Property> properties = propertiesByClass.computeIfAbsent(event.getClass(), EventConverter::properties);
        Map<String, String> headers = LinkedHashMap.newLinkedHashMap(properties.size());
        for (Property property : properties) {
            try {
                Object value = property.getter().invoke(event);
                if (value != null) {
                    headers.put(property.name(), value.toString());
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // a getter that throws just leaves its header out
            }
        }
        return new AmiEvent.OtherEvent(at, eventName(event.getClass()), headers);
    }

    private static List<Property> properties(Class<?> type) {
        List<Property> properties = new ArrayList<>();
        for (Method method : type.getMethods()) {
            boolean getter = method.getName().startsWith("get") || method.getName().startsWith("is");
            if (getter && method.getParameterCount() == 0 && !Modifier.isStatic(method.getModifiers())
                    && !BEAN_NOISE.contains(method.getName()) && method.getReturnType() != void.class) {
                properties.add(new Property(method, propertyName(method)));
            }
        }
        return List.copyOf(properties);
    }

    private static String propertyName(Method getter) {
        String name = getter.getName();
        String bare = name.startsWith("is") ? name.substring(2) : name.substring(3);
        return bare.isEmpty() ? name : bare;
    }

    static String eventName(Class<?> type) {
        String simple = type.getSimpleName();
        return simple.endsWith("Event") ? simple.substring(0, simple.length() - "Event".length()) : simple;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static int number(Integer value) {
        return value == null ? -1 : value;
    }
}
