package org.serveline.pbxsim.call;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * The argument of AGI(): {@code agi://host[:port]/script?query[,arg1,arg2...]}; 4573 is the default port.
 */
record AgiUrl(String request, String host, int port, String script, List<String> args) {

    static final int DEFAULT_PORT = 4573;

    static AgiUrl parse(String data) {
        String[] parts = data.split(",", -1);
        String request = parts[0].trim();
        URI uri;
        try {
            uri = new URI(request);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not an AGI URL: " + request, e);
        }
        if (!"agi".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("only agi://host[:port]/script is simulated, got: " + request);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String script = (path.startsWith("/") ? path.substring(1) : path)
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        List<String> args = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            args.add(parts[i]);
        }
        return new AgiUrl(request, uri.getHost(), uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(), script, args);
    }
}
