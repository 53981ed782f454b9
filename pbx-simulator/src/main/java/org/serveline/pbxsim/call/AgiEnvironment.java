package org.serveline.pbxsim.call;

import java.util.concurrent.ThreadLocalRandom;

/** The agi_ block Asterisk 22 sends first on a FastAGI connection: same keys, same order as agi-1001.raw. */
final class AgiEnvironment {

    static final String VERSION = "22.10.1";

    private AgiEnvironment() {
    }

    static String block(SimChannel channel, AgiUrl url) {
        StringBuilder b = new StringBuilder(640);
        line(b, "agi_network", "yes");
        line(b, "agi_network_script", url.script());
        line(b, "agi_request", url.request());
        line(b, "agi_channel", channel.name());
        line(b, "agi_language", "en");
        line(b, "agi_type", channel.name().substring(0, channel.name().indexOf('/')));
        line(b, "agi_uniqueid", channel.uniqueid());
        line(b, "agi_version", VERSION);
        line(b, "agi_callerid", orUnknown(channel.callerIdNum()));
        line(b, "agi_calleridname", orUnknown(channel.callerIdName()));
        line(b, "agi_callingpres", "0");
        line(b, "agi_callingani2", "0");
        line(b, "agi_callington", "0");
        line(b, "agi_callingtns", "0");
        line(b, "agi_dnid", "unknown");
        line(b, "agi_rdnis", "unknown");
        line(b, "agi_context", channel.context());
        line(b, "agi_extension", channel.exten());
        line(b, "agi_priority", Integer.toString(channel.priority()));
        line(b, "agi_enhanced", "0.0");
        line(b, "agi_accountcode", "");
        line(b, "agi_threadid", Long.toString(ThreadLocalRandom.current().nextLong(1L << 46, 1L << 47)));
        for (int i = 0; i < url.args().size(); i++) {
            line(b, "agi_arg_" + (i + 1), url.args().get(i));
        }
        return b.append('\n').toString();
    }

    private static String orUnknown(String value) {
        return value == null || value.equals("<unknown>") ? "unknown" : value;
    }

    private static void line(StringBuilder b, String key, String value) {
        b.append(key).append(": ").append(value).append('\n');
    }
}
