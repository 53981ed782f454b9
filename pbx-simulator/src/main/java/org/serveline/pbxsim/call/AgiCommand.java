package org.serveline.pbxsim.call;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One AGI command line split like Asterisk's parse_args: whitespace separates, double quotes group (and may
 * be empty: {@code STREAM FILE hello-world ""} has four arguments), a backslash escapes the next character.
 */
record AgiCommand(String line, List<String> args) {

    enum Verb { ANSWER, STREAM_FILE, SAY_DIGITS, WAIT_FOR_DIGIT, GET_DATA, EXEC, GET_VARIABLE, SET_VARIABLE, HANGUP,
        VERBOSE, NOOP, CHANNEL_STATUS, UNKNOWN }

    static AgiCommand parse(String line) {
        List<String> args = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean inArg = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                current.append(line.charAt(++i));
                inArg = true;
            } else if (c == '"') {
                quoted = !quoted;
                inArg = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (inArg) {
                    args.add(current.toString());
                    current.setLength(0);
                    inArg = false;
                }
            } else {
                current.append(c);
                inArg = true;
            }
        }
        if (inArg) {
            args.add(current.toString());
        }
        return new AgiCommand(line, args);
    }

    Verb verb() {
        String first = word(0);
        String two = first + " " + word(1);
        String three = two + " " + word(2);
        return switch (three) {
            case "WAIT FOR DIGIT" -> Verb.WAIT_FOR_DIGIT;
            default -> switch (two) {
                case "STREAM FILE" -> Verb.STREAM_FILE;
                case "SAY DIGITS" -> Verb.SAY_DIGITS;
                case "GET DATA" -> Verb.GET_DATA;
                case "GET VARIABLE" -> Verb.GET_VARIABLE;
                case "SET VARIABLE" -> Verb.SET_VARIABLE;
                case "CHANNEL STATUS" -> Verb.CHANNEL_STATUS;
                default -> switch (first) {
                    case "ANSWER" -> Verb.ANSWER;
                    case "EXEC" -> Verb.EXEC;
                    case "HANGUP" -> Verb.HANGUP;
                    case "VERBOSE" -> Verb.VERBOSE;
                    case "NOOP" -> Verb.NOOP;
                    default -> Verb.UNKNOWN;
                };
            };
        };
    }

    private String word(int index) {
        return index < args.size() ? args.get(index).toUpperCase(Locale.ROOT) : "";
    }

    /** The argument at {@code index}, or {@code fallback} when absent. */
    String arg(int index, String fallback) {
        return index < args.size() ? args.get(index) : fallback;
    }

    int argInt(int index, int fallback) {
        try {
            return index < args.size() ? Integer.parseInt(args.get(index).trim()) : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
