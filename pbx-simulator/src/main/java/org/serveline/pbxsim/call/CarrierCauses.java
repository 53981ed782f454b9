package org.serveline.pbxsim.call;

import java.util.Set;

/**
 * How a carrier's Q.850 cause before the answer shows in Asterisk's DialEnd status and OriginateResponse reason
 * (the traces: 17 busy gives BUSY and reason 5, 34 gives CONGESTION and reason 8, 19 gives reason 3). Causes of the
 * congestion and failure family give CONGESTION and reason 8; a number the network cannot reach gives CHANUNAVAIL.
 */
final class CarrierCauses {

    private static final Set<Integer> CONGESTION = Set.of(6, 8, 34, 38, 41, 42, 43, 44, 47);
    private static final Set<Integer> NO_ANSWER = Set.of(18, 19, 102);

    private CarrierCauses() {
    }

    static String dialStatus(int cause) {
        if (cause == 17) {
            return "BUSY";
        }
        if (NO_ANSWER.contains(cause)) {
            return "NOANSWER";
        }
        return CONGESTION.contains(cause) ? "CONGESTION" : "CHANUNAVAIL";
    }

    /** AST_CONTROL_*: 5 busy, 3 ringing (no answer), 8 congestion for every other failure a trunk reports. */
    static int originateReason(int cause) {
        if (cause == 17) {
            return 5;
        }
        return NO_ANSWER.contains(cause) ? 3 : 8;
    }
}
