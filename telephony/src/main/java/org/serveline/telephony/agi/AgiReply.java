package org.serveline.telephony.agi;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One reply to an AGI command, e.g. {@code 200 result=1 (value) endpos=11234}.
 *
 * @param status     the three-digit status (200 ok, 510 unknown command, 511 dead channel, 520 usage)
 * @param result     the {@code result=} value; empty for non-200 replies
 * @param data       the text in parentheses after the result, if any
 * @param attributes further {@code key=value} pairs, such as {@code endpos}
 * @param line       the reply line as received
 */
public record AgiReply(int status, String result, Optional<String> data, Map<String, String> attributes, String line) {

    public static final int SUCCESS = 200;
    public static final int DEAD_CHANNEL = 511;

    private static final Pattern STATUS_LINE = Pattern.compile("^(\\d{3})[ -](.*)$");
    private static final Pattern SUCCESS_BODY = Pattern.compile("^result=(\\S*)(?: \\((.*)\\))?(.*)$");

    public AgiReply {
        attributes = Map.copyOf(attributes);
    }

    /** Parses one status line; throws {@link AgiProtocolException} when it is no AGI reply at all. */
    public static AgiReply parse(String line) {
        Matcher status = STATUS_LINE.matcher(line);
        if (!status.matches()) {
            throw new AgiProtocolException("not an AGI reply: '" + line + "'");
        }
        int code = Integer.parseInt(status.group(1));
        if (code != SUCCESS) {
            return new AgiReply(code, "", Optional.empty(), Map.of(), line);
        }
        Matcher body = SUCCESS_BODY.matcher(status.group(2));
        if (!body.matches()) {
            throw new AgiProtocolException("AGI 200 reply without result=: '" + line + "'");
        }
        return new AgiReply(code, body.group(1), Optional.ofNullable(body.group(2)), attributes(body.group(3)), line);
    }

    private static Map<String, String> attributes(String rest) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String token : rest.trim().split("\\s+")) {
            int eq = token.indexOf('=');
            if (eq > 0) {
                attributes.put(token.substring(0, eq), token.substring(eq + 1));
            }
        }
        return attributes;
    }

    /** The result as a number; throws {@link AgiProtocolException} when it is not one. */
    public int resultCode() {
        try {
            return Integer.parseInt(result);
        } catch (NumberFormatException notNumeric) {
            throw new AgiProtocolException("AGI reply result is not a number: '" + line + "'");
        }
    }

    public boolean isSuccess() {
        return status == SUCCESS;
    }
}
