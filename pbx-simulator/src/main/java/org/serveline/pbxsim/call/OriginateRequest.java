package org.serveline.pbxsim.call;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.serveline.pbxsim.ami.AmiMessage;

/** An Originate action, validated. Either context/exten/priority or application/data is set. */
record OriginateRequest(
        Optional<String> actionId,
        String channel,
        String tech,
        String number,
        String partyContext,
        String context,
        String exten,
        int priority,
        String application,
        String data,
        Duration timeout,
        String callerIdNum,
        String callerIdName,
        Map<String, String> variables,
        boolean async,
        String channelId,
        String otherChannelId) {

    private static final Pattern CALLER_ID = Pattern.compile("\\s*\"?([^\"<]*?)\"?\\s*<([^>]*)>\\s*");

    boolean runsApplication() {
        return application != null;
    }

    String dialString() {
        return number + "@" + partyContext;
    }

    /** Parses the action; an invalid one yields the error message Asterisk would send. */
    static OriginateRequest parse(AmiMessage action) throws InvalidOriginateException {
        String channel = action.getOrEmpty("Channel").trim();
        if (channel.isEmpty()) {
            throw new InvalidOriginateException("Channel not specified");
        }
        int slash = channel.indexOf('/');
        if (slash <= 0 || slash == channel.length() - 1) {
            throw new InvalidOriginateException("Invalid channel");
        }
        String tech = channel.substring(0, slash);
        String resource = channel.substring(slash + 1);
        int options = resource.indexOf('/');
        if (options >= 0) {
            resource = resource.substring(0, options);
        }
        int at = resource.indexOf('@');
        String number = at >= 0 ? resource.substring(0, at) : resource;
        String partyContext = at >= 0 ? resource.substring(at + 1) : "default";
        String application = action.get("Application").map(String::trim).filter(s -> !s.isEmpty()).orElse(null);
        String context = action.get("Context").map(String::trim).orElse("default");
        String exten = action.get("Exten").map(String::trim).orElse("s");
        int priority = parseInt(action.get("Priority").orElse("1"), "Invalid priority");
        if (application == null && action.get("Exten").isPresent() && action.get("Context").isEmpty()) {
            context = "default";
        }
        long timeoutMs = parseInt(action.get("Timeout").orElse("30000"), "Invalid timeout");
        String[] callerId = parseCallerId(action.getOrEmpty("CallerID"));
        return new OriginateRequest(action.actionId(), channel, tech, number, partyContext,
                application == null ? context : null, application == null ? exten : null, priority,
                application, application == null ? null : action.getOrEmpty("Data"),
                Duration.ofMillis(Math.max(timeoutMs, 0)), callerId[0], callerId[1], variables(action),
                "true".equalsIgnoreCase(action.getOrEmpty("Async").trim()),
                action.get("ChannelId").orElse(null), action.get("OtherChannelId").orElse(null));
    }

    private static int parseInt(String text, String error) throws InvalidOriginateException {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidOriginateException(error);
        }
    }

    /** Returns {number, name}; null number when no caller id was given. */
    private static String[] parseCallerId(String text) {
        if (text.isBlank()) {
            return new String[] {null, null};
        }
        Matcher m = CALLER_ID.matcher(text);
        if (m.matches()) {
            String name = m.group(1).trim();
            return new String[] {m.group(2).trim(), name.isEmpty() ? "<unknown>" : name};
        }
        return new String[] {text.trim(), "<unknown>"};
    }

    /** Variable headers, repeated and/or comma separated ("A=1,B=2"), in the order given. */
    private static Map<String, String> variables(AmiMessage action) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (String header : action.getAll("Variable")) {
            for (String pair : header.split(",")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    variables.put(pair.substring(0, eq).trim(), pair.substring(eq + 1));
                }
            }
        }
        return variables;
    }

    static final class InvalidOriginateException extends Exception {
        InvalidOriginateException(String message) {
            super(message);
        }
    }
}
