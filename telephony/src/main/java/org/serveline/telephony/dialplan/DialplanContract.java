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

    public static final String OUTBOUND_CONTEXT = "serveline-outbound";
    public static final String OPERATOR_CONTEXT = "serveline-operator";
    public static final String CONSENT_CONTEXT = "serveline-consent";

    /** FastAGI script path of the notice application (agi://host:port/notice). */
    public static final String NOTICE_AGI_PATH = "notice";
    /** FastAGI script path of the IVR consent step reached by Redirect during an operator call. */
    public static final String CONSENT_AGI_PATH = "consent";

    private DialplanContract() {
    }
}
