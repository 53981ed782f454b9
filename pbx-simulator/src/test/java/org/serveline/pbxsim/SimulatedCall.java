package org.serveline.pbxsim;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.serveline.pbxsim.ami.AmiMessage;

/** Test helper: originates one call into serveline-outbound and reads its events to the end. */
final class SimulatedCall {

    private SimulatedCall() {
    }

    static List<String> originate(String number, int agiPort, String actionId) {
        List<String> lines = new ArrayList<>(List.of("Action: Originate", "ActionID: " + actionId,
                "Channel: Local/" + number + "@simulated-parties", "Context: serveline-outbound", "Exten: s",
                "Priority: 1", "Timeout: 30000", "CallerID: \"Serveline\" <5550000>",
                "Variable: SERVELINE_AGI_URL=agi://127.0.0.1:" + agiPort + ",SERVELINE_ATTEMPT_ID=att-" + number,
                "Variable: TASK_ID=task-" + number, "Async: true"));
        return lines;
    }

    /** Sends the Originate and reads until both halves hung up and the OriginateResponse came. */
    static List<AmiMessage> run(TestAmiClient client, String number, int agiPort) throws IOException {
        client.send(originate(number, agiPort, "orig-" + number));
        return client.readUntil(SimulatedCall::over);
    }

    static boolean over(List<AmiMessage> messages) {
        boolean one = false;
        boolean two = false;
        boolean originate = false;
        for (AmiMessage m : messages) {
            String event = m.getOrEmpty("Event");
            if (event.equals("Hangup")) {
                one |= m.getOrEmpty("Channel").endsWith(";1");
                two |= m.getOrEmpty("Channel").endsWith(";2");
            }
            originate |= event.equals("OriginateResponse");
        }
        return one && two && originate;
    }

    static AmiMessage first(List<AmiMessage> events, String name, String channelSuffix) {
        return events.stream()
                .filter(e -> e.getOrEmpty("Event").equals(name) && e.getOrEmpty("Channel").endsWith(channelSuffix))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " " + channelSuffix + " in " + events));
    }
}
