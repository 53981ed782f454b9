package org.serveline.pbxsim.call;

/**
 * What the simulated dialplan does in one context on the originated (";1") channel once the party answers:
 * NoOp, Answer if needed, MixMonitor (when {@code mixMonitor}), then AGI to the URL template (when not null),
 * at priorities p, p+1, p+2, p+3 like the contexts shipped in config/asterisk. The template may use
 * {@code ${VAR}} for channel variables (then global ones); an unknown variable becomes empty as in Asterisk.
 */
public record DialplanContext(String agiUrlTemplate, boolean mixMonitor) {

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
