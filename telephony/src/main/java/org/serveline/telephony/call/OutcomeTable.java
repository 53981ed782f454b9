package org.serveline.telephony.call;

import static org.serveline.telephony.call.OutcomeKind.ANSWERED;
import static org.serveline.telephony.call.OutcomeKind.ANSWERING_MACHINE;
import static org.serveline.telephony.call.OutcomeKind.BUSY;
import static org.serveline.telephony.call.OutcomeKind.CONGESTION;
import static org.serveline.telephony.call.OutcomeKind.FAILED;
import static org.serveline.telephony.call.OutcomeKind.HUNG_UP_EARLY;
import static org.serveline.telephony.call.OutcomeKind.INVALID_NUMBER;
import static org.serveline.telephony.call.OutcomeKind.NO_ANSWER;
import static org.serveline.telephony.call.OutcomeKind.REJECTED;
import static org.serveline.telephony.call.OutcomeKind.UNREACHABLE;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one table that turns AMI facts into an {@link OutcomeKind}.
 *
 * <p>An attempt whose OriginateResponse failed is decided by the most specific fact, in this order:
 * <ol>
 *   <li>the first hangup cause with a verdict, the party's leg first (a Local channel's ";2" half carries the
 *       party's cause: 17 for busy while the ";1" half says 0);</li>
 *   <li>the DialEnd status;</li>
 *   <li>the OriginateResponse reason;</li>
 *   <li>otherwise {@link OutcomeKind#FAILED}.</li>
 * </ol>
 * Causes come first because the reason is coarse: a SIP 404 reaches us as reason 8 (congestion) with cause 1.
 * Generic facts (cause 0, 16 and 31, DialEnd CHANUNAVAIL, reason 0) carry no verdict and defer to the next row.
 *
 * <p>An answered attempt is {@link OutcomeKind#HUNG_UP_EARLY} when the party's side ended the call within the
 * early-hangup window after the answer, and {@link OutcomeKind#ANSWERED} otherwise (we hung up, or the call
 * lasted longer). "The party's side ended it" is read from the first hangup request or hangup after the answer:
 * a SoftHangupRequest or Hangup on a leg other than the originated channel, or a (non-soft) HangupRequest from the
 * far end of a leg (for a Local channel's ";2" half the far end is our ";1" half, so that one counts as ours).
 * In the real traces: 1006 (party's dialplan runs Hangup() on ";2") is HUNG_UP_EARLY; 1001/1002/1007 (our AGI
 * sends HANGUP on ";1") and agent100-call (our Playback ends on ";1", ";2" gets the HangupRequest) are ANSWERED.
 * An answered call where AMD() set AMDSTATUS=MACHINE is {@link OutcomeKind#ANSWERING_MACHINE}. The tracker decides
 * an answered call only once its last channel hung up (see {@link CallTracker}).
 */
public final class OutcomeTable {

    /** OriginateResponse Reason: Asterisk's AST_CONTROL_* value at the end of the outgoing call. */
    static final Map<Integer, OutcomeKind> ORIGINATE_REASONS = Map.of(
            1, REJECTED,     // AST_CONTROL_HANGUP: the far end hung up before answering
            3, NO_ANSWER,    // AST_CONTROL_RINGING: still ringing when the Originate timeout expired
            4, ANSWERED,     // AST_CONTROL_ANSWER
            5, BUSY,         // AST_CONTROL_BUSY
            8, CONGESTION);  // AST_CONTROL_CONGESTION
    // 0 (failed to create the channel at all) has no verdict of its own: FAILED unless a cause says more

    /** DialEnd DialStatus. */
    static final Map<String, OutcomeKind> DIAL_STATUSES = Map.of(
            "ANSWER", ANSWERED,
            "BUSY", BUSY,
            "NOANSWER", NO_ANSWER,
            "CANCEL", NO_ANSWER,     // we gave up while it rang (Originate timeout)
            "CONGESTION", CONGESTION);
    // CHANUNAVAIL has no verdict of its own: the cause tells invalid number from congestion

    /**
     * Hangup Cause (ITU-T Q.850, as Asterisk reports it in Hangup and HangupRequest and as carriers send it). One row
     * per cause a carrier gives; a cause missing here has no verdict. OutcomeTableTests holds one test per row.
     */
    static final Map<Integer, OutcomeKind> HANGUP_CAUSES = Map.ofEntries(
            Map.entry(1, INVALID_NUMBER),   // unallocated (unassigned) number: the number is marked bad
            Map.entry(2, INVALID_NUMBER),   // no route to specified transit network
            Map.entry(3, INVALID_NUMBER),   // no route to destination
            Map.entry(5, INVALID_NUMBER),   // misdialled trunk prefix
            Map.entry(6, CONGESTION),       // channel unacceptable
            Map.entry(8, CONGESTION),       // pre-empted
            Map.entry(14, INVALID_NUMBER),  // number ported, not here
            Map.entry(17, BUSY),            // user busy
            Map.entry(18, NO_ANSWER),       // no user responding
            Map.entry(19, NO_ANSWER),       // user alerting, no answer
            Map.entry(20, UNREACHABLE),     // subscriber absent (phone off, out of coverage)
            Map.entry(21, REJECTED),        // call rejected
            Map.entry(22, INVALID_NUMBER),  // number changed
            Map.entry(27, UNREACHABLE),     // destination out of order
            Map.entry(28, INVALID_NUMBER),  // invalid number format (incomplete number)
            Map.entry(29, FAILED),          // facility rejected
            Map.entry(34, CONGESTION),      // no circuit/channel available
            Map.entry(38, CONGESTION),      // network out of order
            Map.entry(41, CONGESTION),      // temporary failure
            Map.entry(42, CONGESTION),      // switching equipment congestion
            Map.entry(43, CONGESTION),      // access information discarded
            Map.entry(44, CONGESTION),      // requested circuit/channel not available
            Map.entry(47, CONGESTION),      // resource unavailable, unspecified
            Map.entry(50, FAILED),          // requested facility not subscribed
            Map.entry(52, FAILED),          // outgoing calls barred (our trunk)
            Map.entry(54, REJECTED),        // incoming calls barred (the party's line)
            Map.entry(57, FAILED),          // bearer capability not authorized
            Map.entry(58, FAILED),          // bearer capability not presently available
            Map.entry(65, FAILED),          // bearer capability not implemented
            Map.entry(66, FAILED),          // channel type not implemented
            Map.entry(69, FAILED),          // requested facility not implemented
            Map.entry(81, FAILED),          // invalid call reference value
            Map.entry(88, FAILED),          // incompatible destination
            Map.entry(95, FAILED),          // invalid message, unspecified
            Map.entry(96, FAILED),          // mandatory information element missing
            Map.entry(97, FAILED),          // message type non-existent or not implemented
            Map.entry(98, FAILED),          // message not compatible with call state
            Map.entry(99, FAILED),          // information element non-existent or not implemented
            Map.entry(100, FAILED),         // invalid information element contents
            Map.entry(102, NO_ANSWER),      // recovery on timer expiry (SIP 408: nobody answered the INVITE)
            Map.entry(111, FAILED),         // protocol error, unspecified
            Map.entry(127, FAILED));        // interworking, unspecified
    // 0 (unknown), 16 (normal clearing) and 31 (normal, unspecified) have no verdict

    /** AMDSTATUS, as Asterisk's AMD() leaves it: only MACHINE changes the verdict of an answered call. */
    static final Map<String, OutcomeKind> AMD_STATUSES = Map.of("MACHINE", ANSWERING_MACHINE);
    // HUMAN, NOTSURE (AMD could not tell: we play the notice) and HANGUP (the far end hung up during AMD) do not

    private OutcomeTable() {
    }

    public static Optional<OutcomeKind> forOriginateReason(int reason) {
        return Optional.ofNullable(ORIGINATE_REASONS.get(reason));
    }

    public static Optional<OutcomeKind> forDialStatus(String dialStatus) {
        return Optional.ofNullable(dialStatus == null ? null : DIAL_STATUSES.get(dialStatus.toUpperCase()));
    }

    public static Optional<OutcomeKind> forHangupCause(int cause) {
        return Optional.ofNullable(HANGUP_CAUSES.get(cause));
    }

    /**
     * Verdict for an attempt whose OriginateResponse failed.
     *
     * @param reason     the OriginateResponse Reason
     * @param dialStatus the last DialEnd status seen for the call, or empty
     * @param causes     hangup causes of the call's legs, the party's leg first
     */
    public static OutcomeKind unanswered(int reason, String dialStatus, List<Integer> causes) {
        for (int cause : causes) {
            Optional<OutcomeKind> verdict = forHangupCause(cause);
            if (verdict.isPresent()) {
                return verdict.get();
            }
        }
        return forDialStatus(dialStatus).filter(kind -> kind != ANSWERED)
                .or(() -> forOriginateReason(reason).filter(kind -> kind != ANSWERED))
                .orElse(FAILED);
    }

    /**
     * Verdict for an answered attempt once it ended (or outlived the window).
     *
     * @param partyEnded  the party's side ended the call (see the class comment)
     * @param answeredFor time from the answer to the end
     * @param window      the early-hangup window
     */
    public static OutcomeKind answered(boolean partyEnded, Duration answeredFor, Duration window) {
        return answered(partyEnded, answeredFor, window, "");
    }

    /**
     * As {@link #answered(boolean, Duration, Duration)}, but a machine found by AMD() ({@code amdStatus} MACHINE)
     * is {@link OutcomeKind#ANSWERING_MACHINE} whoever hung up.
     */
    public static OutcomeKind answered(boolean partyEnded, Duration answeredFor, Duration window, String amdStatus) {
        Optional<OutcomeKind> machine = forAmdStatus(amdStatus);
        if (machine.isPresent()) {
            return machine.get();
        }
        return partyEnded && answeredFor.compareTo(window) <= 0 ? HUNG_UP_EARLY : ANSWERED;
    }

    public static Optional<OutcomeKind> forAmdStatus(String amdStatus) {
        return Optional.ofNullable(amdStatus == null ? null : AMD_STATUSES.get(amdStatus.trim().toUpperCase()));
    }
}
