package org.serveline.telephony.ami.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every AMI action Serveline sends, and why. {@link InspectedManagerConnection} refuses to write any other, so a new
 * action cannot reach a PBX without being listed here; a test checks each one against the {@code write=} classes
 * of {@code config/asterisk/manager.conf} and the privilege Asterisk 22 requires for it.
 */
public enum SentAction {

    CHALLENGE("Challenge", "asterisk-java's MD5 login"),
    LOGIN("Login", "logging in"),
    LOGOFF("Logoff", "closing the link"),
    CORE_SETTINGS("CoreSettings", "asterisk-java asks the Asterisk version right after login"),
    PING("Ping", "keep-alive of a quiet link"),
    ORIGINATE("Originate", "every notice and operator call"),
    CORE_SHOW_CHANNELS("CoreShowChannels", "reconciling live attempts after a restart or a dropped link"),
    GETVAR("Getvar", "the attempt id of a live channel whose listing lacks it"),
    REDIRECT("Redirect", "an operator call's party to the keypad consent step"),
    HANGUP("Hangup", "the operator hangs up"),
    SETVAR("Setvar", "the global list of operators an IVR transfer rings"),
    DEVICE_STATE_LIST("DeviceStateList", "which operator softphones are registered (their PJSIP device state)");

    private static final Map<String, SentAction> BY_NAME = Stream.of(values())
            .collect(Collectors.toUnmodifiableMap(a -> a.action.toLowerCase(Locale.ROOT), Function.identity()));

    private final String action;
    private final String why;

    SentAction(String action, String why) {
        this.action = action;
        this.why = why;
    }

    /** The action's name on the wire ({@code Action:} header). */
    public String action() {
        return action;
    }

    public String why() {
        return why;
    }

    /** The listed action of that name (compared ignoring case, as Asterisk does). */
    public static Optional<SentAction> of(String action) {
        return Optional.ofNullable(action == null ? null : BY_NAME.get(action.toLowerCase(Locale.ROOT)));
    }
}
