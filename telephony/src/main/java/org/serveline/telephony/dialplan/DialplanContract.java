package org.serveline.telephony.dialplan;

/**
 * The names that the code and the shipped dialplan ({@code config/asterisk/extensions.conf}) must agree on.
 * A test reads the shipped files and fails when they drift apart.
 */
public final class DialplanContract {

    /** Channel variable carrying the durable call-attempt id; recordings are named by it. */
    public static final String ATTEMPT_ID_VARIABLE = "SERVELINE_ATTEMPT_ID";
    /** Channel variable carrying the service-task id. */
    public static final String TASK_ID_VARIABLE = "SERVELINE_TASK_ID";
    /** Channel variable carrying the FastAGI base URL of the node that originated the call. */
    public static final String AGI_URL_VARIABLE = "SERVELINE_AGI_URL";

    /**
     * Channel variable the Originate sets: {@value #AMD_OFF} skips answering-machine detection in
     * {@code serveline-outbound}; anything else (or unset) runs Asterisk's AMD() before the notice.
     */
    public static final String AMD_VARIABLE = "SERVELINE_AMD";
    public static final String AMD_ON = "on";
    public static final String AMD_OFF = "off";
    /** What AMD() leaves on the channel (MACHINE, HUMAN, NOTSURE, HANGUP) and why; the tracker reads them. */
    public static final String AMD_STATUS_VARIABLE = "AMDSTATUS";
    public static final String AMD_CAUSE_VARIABLE = "AMDCAUSE";
    /** The AMDSTATUS after which {@code serveline-outbound} hangs up without the notice. */
    public static final String AMD_MACHINE = "MACHINE";

    public static final String OUTBOUND_CONTEXT = "serveline-outbound";
    public static final String OPERATOR_CONTEXT = "serveline-operator";
    public static final String CONSENT_CONTEXT = "serveline-consent";

    /** FastAGI script path of the notice application (agi://host:port/notice). */
    public static final String NOTICE_AGI_PATH = "notice";
    /** FastAGI script path of the IVR consent step reached by Redirect during an operator call. */
    public static final String CONSENT_AGI_PATH = "consent";

    /** Query parameter of the AGI URL carrying the attempt id ({@code agi://host:port/notice?attempt=...}). */
    public static final String ATTEMPT_PARAMETER = "attempt";
    /** Query parameter of the AGI URL carrying the task id. */
    public static final String TASK_PARAMETER = "task";
    /** Channel variable the notice application sets for the dialplan after AGI() (see {@code NoticeResult}). */
    public static final String NOTICE_RESULT_VARIABLE = "SERVELINE_NOTICE_RESULT";
    /** The value of {@link #NOTICE_RESULT_VARIABLE} after which {@code serveline-outbound} transfers to an operator. */
    public static final String NOTICE_RESULT_TRANSFER = "transfer";
    /** Channel variable naming the operator endpoint {@code serveline-operator} dials, e.g. {@code PJSIP/agent100}. */
    public static final String OPERATOR_ENDPOINT_VARIABLE = "SERVELINE_OPERATOR";
    /** Channel variable holding the party's dial string that {@code serveline-operator} bridges to. */
    public static final String PARTY_DIAL_VARIABLE = "SERVELINE_PARTY_DIAL";

    /** Global variable: the operators an IVR transfer rings when the call names none. */
    public static final String DEFAULT_OPERATORS_VARIABLE = "SERVELINE_DEFAULT_OPERATORS";
    /** Extension of {@code serveline-operator} that an IVR transfer jumps to. */
    public static final String TRANSFER_EXTENSION = "transfer";
    /**
     * Recordings are {@code <attempt id>.wav} in Asterisk's monitor spool; the consent step during an operator call
     * records {@code <attempt id>-consent.wav}.
     */
    public static final String CONSENT_RECORDING_SUFFIX = "-consent";

    private DialplanContract() {
    }
}
