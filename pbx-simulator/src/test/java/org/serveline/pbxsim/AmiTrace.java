package org.serveline.pbxsim;

import java.util.ArrayList;
import java.util.List;
import org.serveline.pbxsim.ami.AmiMessage;

/** Splits what Asterisk wrote on an AMI connection (a .raw file) into messages; the banner line is skipped. */
final class AmiTrace {

    private AmiTrace() {
    }

    static List<AmiMessage> parse(String raw) {
        List<AmiMessage> messages = new ArrayList<>();
        String[] lines = raw.split("\r\n", -1);
        AmiMessage.Builder current = null;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                if (current != null) {
                    messages.add(current.build());
                    current = null;
                }
                continue;
            }
            if (current == null) {
                current = AmiMessage.builder();
            }
            int colon = line.indexOf(':');
            current.add(line.substring(0, colon), line.substring(colon + 1).strip());
        }
        return messages;
    }

    /** The events of the call: after the Originate's response, up to the Logoff's. */
    static List<AmiMessage> callEvents(List<AmiMessage> messages) {
        List<AmiMessage> events = new ArrayList<>();
        boolean inCall = false;
        for (AmiMessage m : messages) {
            if (m.get("Event").isEmpty()) {
                inCall = m.getOrEmpty("ActionID").startsWith("orig-");
                continue;
            }
            if (inCall) {
                events.add(m);
            }
        }
        return events;
    }

    /** The lines the trace's client sent for one action ("&gt;&gt; " lines of the block that has that Action). */
    static List<String> sentAction(List<String> transcript, String action) {
        List<String> block = new ArrayList<>();
        for (String line : transcript) {
            if (line.startsWith(">> ")) {
                block.add(line.substring(3));
            } else if (line.equals(">>")) {
                if (!block.isEmpty() && block.get(0).equalsIgnoreCase("Action: " + action)) {
                    return block;
                }
                block = new ArrayList<>();
            }
        }
        throw new IllegalArgumentException("no " + action + " in transcript");
    }
}
