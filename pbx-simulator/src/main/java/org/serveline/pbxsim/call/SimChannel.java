package org.serveline.pbxsim.call;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.serveline.pbxsim.ami.AmiMessage;

/**
 * One half of a simulated Local channel. Mutated only on its call's event loop; fields read by AMI list
 * actions from other threads are volatile, so a listing sees a recent, never a torn, value.
 */
public final class SimChannel {

    static final int DOWN = 0;
    static final int RING = 4;
    static final int RINGING = 5;
    static final int UP = 6;
    static final int BUSY = 7;

    private static final String UNKNOWN = "<unknown>";

    private final String name;
    private final String uniqueid;
    private final String linkedid;
    private final long createdNanos = System.nanoTime();
    private final Map<String, String> variables = new ConcurrentHashMap<>();
    private final List<String> amiChannelVars;
    private volatile int state;
    private volatile String callerIdNum = UNKNOWN;
    private volatile String callerIdName = UNKNOWN;
    private volatile String connectedNum = UNKNOWN;
    private volatile String connectedName = UNKNOWN;
    private volatile String context;
    private volatile String exten;
    private volatile int priority = 1;
    private volatile String application = "";
    private volatile String applicationData = "";

    SimChannel(String name, String uniqueid, String linkedid, int state, String context, String exten,
            List<String> amiChannelVars) {
        this.name = name;
        this.uniqueid = uniqueid;
        this.linkedid = linkedid;
        this.state = state;
        this.context = context;
        this.exten = exten;
        this.amiChannelVars = amiChannelVars;
    }

    /**
     * Appends Asterisk's channel snapshot block. {@code prefix} is "", "Dest", "LocalOne" or "LocalTwo" as in
     * DialBegin or LocalBridge. Variables named in manager.conf's channelvars follow as ChanVariable headers.
     */
    void appendTo(AmiMessage.Builder b, String prefix) {
        b.add(prefix + "Channel", name)
                .add(prefix + "ChannelState", state)
                .add(prefix + "ChannelStateDesc", stateDesc(state))
                .add(prefix + "CallerIDNum", callerIdNum)
                .add(prefix + "CallerIDName", callerIdName)
                .add(prefix + "ConnectedLineNum", connectedNum)
                .add(prefix + "ConnectedLineName", connectedName)
                .add(prefix + "Language", "en")
                .add(prefix + "AccountCode", "")
                .add(prefix + "Context", context)
                .add(prefix + "Exten", exten)
                .add(prefix + "Priority", priority)
                .add(prefix + "Uniqueid", uniqueid)
                .add(prefix + "Linkedid", linkedid);
        for (String var : amiChannelVars) {
            b.add(prefix + "ChanVariable", var + "=" + variables.getOrDefault(var, ""));
        }
    }

    static String stateDesc(int state) {
        return switch (state) {
            case DOWN -> "Down";
            case RING -> "Ring";
            case RINGING -> "Ringing";
            case UP -> "Up";
            case BUSY -> "Busy";
            default -> "Unknown";
        };
    }

    public String name() {
        return name;
    }

    public String uniqueid() {
        return uniqueid;
    }

    public String linkedid() {
        return linkedid;
    }

    public int state() {
        return state;
    }

    public String context() {
        return context;
    }

    public String exten() {
        return exten;
    }

    public int priority() {
        return priority;
    }

    public String callerIdNum() {
        return callerIdNum;
    }

    public String callerIdName() {
        return callerIdName;
    }

    public String application() {
        return application;
    }

    public String applicationData() {
        return applicationData;
    }

    /** Real nanoseconds since the channel was created (scale with the time scale for PBX time). */
    public long ageNanos() {
        return System.nanoTime() - createdNanos;
    }

    public String variable(String var) {
        return variables.get(var);
    }

    public Map<String, String> variables() {
        return Map.copyOf(variables);
    }

    void setVariable(String var, String value) {
        variables.put(var, value);
    }

    void setState(int value) {
        state = value;
    }

    void setCallerId(String num, String nameValue) {
        callerIdNum = num;
        callerIdName = nameValue;
    }

    void setConnectedLine(String num, String nameValue) {
        connectedNum = num;
        connectedName = nameValue;
    }

    void setLocation(String contextValue, String extenValue, int priorityValue) {
        context = contextValue;
        exten = extenValue;
        priority = priorityValue;
    }

    void setPriority(int value) {
        priority = value;
    }

    void setApplication(String app, String data) {
        application = app;
        applicationData = data;
    }
}
