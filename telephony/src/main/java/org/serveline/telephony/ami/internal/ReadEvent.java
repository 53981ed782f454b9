package org.serveline.telephony.ami.internal;

import java.util.List;
import java.util.Optional;

import org.serveline.telephony.dialplan.DialplanContract;

/**
 * Every AMI event Serveline reads from a PBX's event stream, with the class Asterisk 22 sends it under and who reads
 * it. The {@code read=} classes and the {@code eventfilter} lines of {@code config/asterisk/manager.conf} are derived
 * from this list, and tests check them against it: the filter lets each of these through and holds back every other
 * event of the real traces. An event read here but held back by the filter would silently never arrive, so a reader
 * of a new event adds it here first.
 *
 * <p>Not listed, because Asterisk writes them straight to the asking session and no filter applies: the responses
 * and listing rows of Serveline's own actions ({@code CoreShowChannel}, the {@code DeviceStateChange} rows of
 * {@code DeviceStateList}, their {@code ...Complete}).
 */
public enum ReadEvent {

    NEWCHANNEL("Newchannel", "call", "CallTracker: a channel of a call appears"),
    NEWSTATE("Newstate", "call", "CallTracker, AttemptAnswers: ringing and answered channels"),
    DIAL_END("DialEnd", "call", "CallTracker: the dial status of the party's channel (BUSY, NOANSWER ...)"),
    HANGUP_REQUEST("HangupRequest", "call", "CallTracker: the far end asked to hang up"),
    SOFT_HANGUP_REQUEST("SoftHangupRequest", "call", "CallTracker: Asterisk itself (dialplan, AGI, AMI) hung up"),
    HANGUP("Hangup", "call", "CallTracker, AttemptAnswers: a channel ended, with its Q.850 cause"),
    ORIGINATE_RESPONSE("OriginateResponse", "call", "CallTracker: the fate of each async Originate"),
    LOCAL_OPTIMIZATION_BEGIN("LocalOptimizationBegin", "call",
            "CallGroups: a Local channel pair optimising itself away hands its call to the real channel"),
    VAR_SET("VarSet", "dialplan", "CallTracker, AttemptAnswers: the attempt id ties channels to an attempt; "
            + "answering-machine detection's result", List.of(DialplanContract.ATTEMPT_ID_VARIABLE,
            "_" + DialplanContract.ATTEMPT_ID_VARIABLE, "__" + DialplanContract.ATTEMPT_ID_VARIABLE,
            DialplanContract.AMD_STATUS_VARIABLE, DialplanContract.AMD_CAUSE_VARIABLE)),
    CONTACT_STATUS("ContactStatus", "system", "SipRegistrations: an operator softphone registers or goes away");

    private final String event;
    private final String privilege;
    private final String readers;
    private final List<String> variables;

    ReadEvent(String event, String privilege, String readers) {
        this(event, privilege, readers, List.of());
    }

    ReadEvent(String event, String privilege, String readers, List<String> variables) {
        this.event = event;
        this.privilege = privilege;
        this.readers = readers;
        this.variables = List.copyOf(variables);
    }

    /** The event's name on the wire ({@code Event:} header), exactly as Asterisk spells it. */
    public String event() {
        return event;
    }

    /** The class Asterisk 22 sends it under ({@code Privilege:} header), which {@code read=} must grant. */
    public String privilege() {
        return privilege;
    }

    public String readers() {
        return readers;
    }

    /** For VarSet: the only variables read (the others are held back by the filter); empty: every one of them. */
    public List<String> variables() {
        return variables;
    }

    /** The listed event of that name (compared exactly: Asterisk's filter compares event names case-sensitively). */
    public static Optional<ReadEvent> of(String event) {
        for (ReadEvent read : values()) {
            if (read.event.equals(event)) {
                return Optional.of(read);
            }
        }
        return Optional.empty();
    }

    /** Whether Serveline reads this event with these headers: its name is listed and, for VarSet, its variable. */
    public static boolean isRead(String event, String variable) {
        return of(event).map(read -> read.variables.isEmpty()
                || read.variables.contains(variable)).orElse(false);
    }
}
