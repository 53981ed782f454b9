package org.serveline.telephony.agi;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What Asterisk sent when it opened the session: the agi_ environment, the script path and query parameters of the
 * URL, and the AGI() arguments.
 *
 * @param script      the script path without query, e.g. {@code notice} for {@code agi://host:4573/notice?attempt=7}
 * @param parameters  the query parameters of the URL, decoded
 * @param arguments   {@code agi_arg_1}, {@code agi_arg_2}, ... in order
 * @param environment every {@code agi_*} line, keys without the {@code agi_} prefix (e.g. {@code uniqueid})
 */
public record AgiRequest(String script, Map<String, String> parameters, List<String> arguments,
        Map<String, String> environment) {

    public AgiRequest {
        parameters = Map.copyOf(parameters);
        arguments = List.copyOf(arguments);
        environment = Map.copyOf(environment);
    }

    /** Builds the request from the agi_ lines (keys without the prefix). */
    public static AgiRequest fromEnvironment(Map<String, String> environment) {
        String networkScript = environment.getOrDefault("network_script", "");
        int query = networkScript.indexOf('?');
        String path = query < 0 ? networkScript : networkScript.substring(0, query);
        String script = path.startsWith("/") ? path.substring(1) : path;
        Map<String, String> parameters = query < 0 ? Map.of() : parseQuery(networkScript.substring(query + 1));
        return new AgiRequest(script, parameters, arguments(environment), environment);
    }

    private static Map<String, String> parseQuery(String query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            parameters.putIfAbsent(decode(key), decode(value));
        }
        return parameters;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformedEscape) {
            return text;
        }
    }

    private static List<String> arguments(Map<String, String> environment) {
        Map<Integer, String> numbered = new TreeMap<>();
        environment.forEach((key, value) -> {
            if (key.startsWith("arg_")) {
                try {
                    numbered.put(Integer.parseInt(key.substring(4)), value);
                } catch (NumberFormatException notAnArgument) {
                    // an agi_arg_x line that is not numbered is left in the environment only
                }
            }
        });
        return new ArrayList<>(numbered.values());
    }

    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name));
    }

    public Optional<String> env(String name) {
        return Optional.ofNullable(environment.get(name));
    }

    /** Asterisk's channel id ({@code agi_uniqueid}), empty string when missing. */
    public String uniqueId() {
        return environment.getOrDefault("uniqueid", "");
    }

    /** The channel name ({@code agi_channel}), empty string when missing. */
    public String channel() {
        return environment.getOrDefault("channel", "");
    }
}
