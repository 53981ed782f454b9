package org.serveline.server.faults;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.serveline.pbxsim.PbxSimulator;
import org.serveline.server.ServelineApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One Serveline node started programmatically (test profile, random port, embedded MariaDB under a given schema),
 * dialling through a {@link PbxSimulator} the caller owns — so the simulator, and its calls, outlive the node.
 * Used by the fault tests (a node stopped and another started on the same schema) and by the dialer benchmark.
 */
public final class ServerNode implements AutoCloseable {

    public static final String PBX_ID = "sim";
    public static final String TRUNK = "sim-trunk";

    private final ConfigurableApplicationContext context;

    private ServerNode(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Starts a node; {@code properties} win over every configuration file. */
    public static ServerNode start(Map<String, String> properties) {
        // The database keeps UTC and JDBC converts through the JVM zone (as ServelineApplication.main does).
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        List<String> args = new ArrayList<>();
        args.add("--server.port=0");
        properties.forEach((key, value) -> args.add("--" + key + "=" + value));
        return new ServerNode(new SpringApplicationBuilder(ServelineApplication.class).profiles("test")
                .run(args.toArray(String[]::new)));
    }

    /** The properties that point a node at {@code simulator}: one PBX, one trunk, its channel and CPS limits. */
    public static Map<String, String> dialling(PbxSimulator simulator, String schema, String node, int maxChannels,
            double callsPerSecond) {
        return dialling(simulator.ports().ami(), schema, node, maxChannels, callsPerSecond);
    }

    /** As {@link #dialling(PbxSimulator, String, String, int, double)}, for a PBX listening for AMI on {@code amiPort}. */
    public static Map<String, String> dialling(int amiPort, String schema, String node, int maxChannels,
            double callsPerSecond) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("serveline.embedded-db.schema", schema);
        p.put("serveline.dialer.node", node);
        p.put("serveline.telephony.pbxs[0].id", PBX_ID);
        p.put("serveline.telephony.pbxs[0].host", "127.0.0.1");
        p.put("serveline.telephony.pbxs[0].port", Integer.toString(amiPort));
        p.put("serveline.telephony.pbxs[0].username", "serveline");
        p.put("serveline.telephony.pbxs[0].secret", "serveline-secret");
        p.put("serveline.telephony.pbxs[0].trunks[0].name", TRUNK);
        p.put("serveline.telephony.pbxs[0].trunks[0].dial-string", "Local/{number}@simulated-parties");
        p.put("serveline.telephony.pbxs[0].trunks[0].number-format", "NATIONAL");
        p.put("serveline.telephony.pbxs[0].trunks[0].max-channels", Integer.toString(maxChannels));
        p.put("serveline.telephony.pbxs[0].trunks[0].calls-per-second", Double.toString(callsPerSecond));
        p.put("serveline.telephony.pbxs[0].trunks[0].caller-id", "\"Serveline\" <4700000>");
        return p;
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public JdbcClient jdbc() {
        return context.getBean(JdbcClient.class);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }
}
