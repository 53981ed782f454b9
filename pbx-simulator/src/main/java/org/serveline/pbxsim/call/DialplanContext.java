package org.serveline.pbxsim.call;

/**
 * What the simulated dialplan does in one context on the originated (";1") channel once the party answers:
 * NoOp, Answer if needed, AMD() (when {@code amd}), MixMonitor (when {@code mixMonitor}), then AGI to the URL
 * template (when not null),
 * at priorities p, p+1, p+2, p+3 like the contexts shipped in config/asterisk. The template may use
 * {@code ${VAR}} for channel variables (then global ones); an unknown variable becomes empty as in Asterisk.
 */
public record DialplanContext(String agiUrlTemplate, boolean mixMonitor, boolean amd) {

    public DialplanContext(String agiUrlTemplate, boolean mixMonitor) {
        this(agiUrlTemplate, mixMonitor, false);
    }

    /**
     * As {@code serveline-outbound}: after the answer AMD() runs unless the channel's {@code SERVELINE_AMD} is
     * {@code off}; it sets AMDSTATUS and AMDCAUSE (VarSet on ";1"); on MACHINE the context hangs up (cause 16)
     * without recording or running the AGI, otherwise it records and runs the AGI.
     */
    public static DialplanContext recordedAgiAfterAmd(String agiUrlTemplate) {
        return new DialplanContext(agiUrlTemplate, true, true);
    }

    public static DialplanContext agi(String agiUrlTemplate) {
        return new DialplanContext(agiUrlTemplate, false);
    }

    public static DialplanContext recordedAgi(String agiUrlTemplate) {
        return new DialplanContext(agiUrlTemplate, true);
    }

    /** A context that only records and holds the call (an operator bridge). */
    public static DialplanContext recordedHold() {
        return new DialplanContext(null, true);
    }
}
