package org.serveline.pbxsim.call;

import org.serveline.pbxsim.ami.AmiMessage;

/** Builds the events of a call with the header names and order of Asterisk 22 (see the fixtures). */
final class CallEvents {

    private CallEvents() {
    }

    static AmiMessage channelEvent(String event, String privilege, SimChannel channel) {
        AmiMessage.Builder b = AmiMessage.event(event, privilege);
        channel.appendTo(b, "");
        return b.build();
    }

    static AmiMessage.Builder channelEventBuilder(String event, String privilege, SimChannel channel) {
        AmiMessage.Builder b = AmiMessage.event(event, privilege);
        channel.appendTo(b, "");
        return b;
    }

    static AmiMessage newchannel(SimChannel ch) {
        return channelEvent("Newchannel", "call,all", ch);
    }

    static AmiMessage newstate(SimChannel ch) {
        return channelEvent("Newstate", "call,all", ch);
    }

    static AmiMessage varSet(SimChannel ch, String variable, String value) {
        return channelEventBuilder("VarSet", "dialplan,all", ch).add("Variable", variable).add("Value", value).build();
    }

    static AmiMessage newCallerid(SimChannel ch) {
        return channelEventBuilder("NewCallerid", "call,all", ch)
                .add("CID-CallingPres", "0 (Presentation Allowed, Not Screened)").build();
    }

    static AmiMessage newConnectedLine(SimChannel ch) {
        return channelEvent("NewConnectedLine", "call,all", ch);
    }

    static AmiMessage localBridge(SimChannel one, SimChannel two, String context, String exten) {
        AmiMessage.Builder b = AmiMessage.event("LocalBridge", "call,all");
        one.appendTo(b, "LocalOne");
        two.appendTo(b, "LocalTwo");
        return b.add("Context", context).add("Exten", exten).add("LocalOptimization", "Yes").build();
    }

    static AmiMessage dialBegin(SimChannel dest, String dialString) {
        AmiMessage.Builder b = AmiMessage.event("DialBegin", "call,all");
        dest.appendTo(b, "Dest");
        return b.add("DialString", dialString).build();
    }

    static AmiMessage dialState(SimChannel dest, String status) {
        AmiMessage.Builder b = AmiMessage.event("DialState", "call,all");
        dest.appendTo(b, "Dest");
        return b.add("DialStatus", status).build();
    }

    static AmiMessage dialEnd(SimChannel dest, String status) {
        AmiMessage.Builder b = AmiMessage.event("DialEnd", "call,all");
        dest.appendTo(b, "Dest");
        return b.add("DialStatus", status).build();
    }

    static AmiMessage mixMonitorStart(SimChannel ch) {
        return channelEvent("MixMonitorStart", "call,all", ch);
    }

    /** OriginateResponse: on failure Channel is the requested dial string and Uniqueid is unknown. */
    static AmiMessage originateResponse(OriginateRequest request, SimChannel one, boolean success, int reason) {
        AmiMessage.Builder b = AmiMessage.event("OriginateResponse", "call,all");
        request.actionId().ifPresent(id -> b.add("ActionID", id));
        b.add("Response", success ? "Success" : "Failure").add("Channel", success ? one.name() : request.channel());
        if (request.runsApplication()) {
            b.add("Application", request.application()).add("Data", request.data());
        } else {
            b.add("Context", request.context()).add("Exten", request.exten());
        }
        boolean callerId = request.callerIdNum() != null;
        return b.add("Reason", reason)
                .add("Uniqueid", success ? one.uniqueid() : "<unknown>")
                .add("CallerIDNum", callerId ? request.callerIdNum() : "<unknown>")
                .add("CallerIDName", callerId ? request.callerIdName() : "<unknown>")
                .build();
    }

    static AmiMessage agiExecStart(SimChannel ch, long commandId, String command) {
        return channelEventBuilder("AGIExecStart", "agi,all", ch)
                .add("CommandId", commandId).add("Command", command).build();
    }

    static AmiMessage agiExecEnd(SimChannel ch, long commandId, String command, int resultCode, String result) {
        return channelEventBuilder("AGIExecEnd", "agi,all", ch)
                .add("CommandId", commandId).add("Command", command)
                .add("ResultCode", resultCode).add("Result", result).build();
    }

    static AmiMessage dtmfBegin(SimChannel ch, char digit) {
        return channelEventBuilder("DTMFBegin", "dtmf,all", ch)
                .add("Digit", String.valueOf(digit)).add("Direction", "Received").build();
    }

    static AmiMessage dtmfEnd(SimChannel ch, char digit, long durationMs) {
        return channelEventBuilder("DTMFEnd", "dtmf,all", ch)
                .add("Digit", String.valueOf(digit)).add("DurationMs", durationMs).add("Direction", "Received").build();
    }

    static AmiMessage softHangupRequest(SimChannel ch, int cause) {
        return channelEventBuilder("SoftHangupRequest", "call,all", ch).add("Cause", cause).build();
    }

    static AmiMessage hangupRequest(SimChannel ch, int cause) {
        return channelEventBuilder("HangupRequest", "call,all", ch).add("Cause", cause).build();
    }

    static AmiMessage hangup(SimChannel ch, int cause) {
        return channelEventBuilder("Hangup", "call,all", ch)
                .add("Cause", cause).add("Cause-txt", causeText(cause)).build();
    }

    /** Asterisk's ast_cause2str texts for the causes the simulator produces. */
    static String causeText(int cause) {
        return switch (cause) {
            case 1 -> "Unallocated (unassigned) number";
            case 16 -> "Normal Clearing";
            case 17 -> "User busy";
            case 18 -> "No user responding";
            case 19 -> "User alerting, no answer";
            case 21 -> "Call Rejected";
            case 28 -> "Invalid number format (addr incomplete)";
            case 34 -> "Circuit/channel congestion";
            default -> "Unknown";
        };
    }
}
