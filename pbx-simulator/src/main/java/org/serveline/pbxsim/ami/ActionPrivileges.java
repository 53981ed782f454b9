package org.serveline.pbxsim.ami;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The privilege Asterisk 22 requires for each action the simulator answers ({@code Priv:} of
 * {@code manager show commands}, see the fixture {@code ami-listcommands.txt}). Asterisk runs an action when the
 * user's {@code write=} shares a class with it (or holds {@code all}); otherwise it answers
 * {@code Response: Error / Message: Permission denied}.
 */
final class ActionPrivileges {

    /** The class every action accepts, and what a user with no write= restriction holds. */
    static final String ALL = "all";

    private static final Map<String, Set<String>> REQUIRED = Map.ofEntries(
            Map.entry("coresettings", Set.of("system", "reporting")),
            Map.entry("coreshowchannels", Set.of("system", "reporting")),
            Map.entry("devicestatelist", Set.of("call", "reporting")),
            Map.entry("getvar", Set.of("call", "reporting")),
            Map.entry("hangup", Set.of("system", "call")),
            Map.entry("originate", Set.of("originate")),
            Map.entry("pjsipshowcontacts", Set.of("system")),
            Map.entry("queueadd", Set.of("agent")),
            Map.entry("queuepause", Set.of("agent")),
            Map.entry("queueremove", Set.of("agent")),
            Map.entry("redirect", Set.of("call")),
            Map.entry("setvar", Set.of("call")),
            Map.entry("status", Set.of("system", "call", "reporting")));

    private ActionPrivileges() {
    }

    /** Whether a user holding the {@code write} classes may run {@code action}; unlisted actions need none. */
    static boolean allows(Set<String> write, String action) {
        if (write.contains(ALL)) {
            return true;
        }
        Set<String> required = REQUIRED.get(action.toLowerCase(Locale.ROOT));
        return required == null || required.stream().anyMatch(write::contains);
    }
}
