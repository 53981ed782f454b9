package org.serveline.server.pbx;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.serveline.pbxsim.PbxSimulator;
import org.serveline.pbxsim.SimulatorConfig;
import org.serveline.pbxsim.party.PartyBehaviour;
import org.serveline.pbxsim.pjsip.ContactActions;
import org.springframework.beans.factory.DisposableBean;

/**
 * The PBX simulator run inside the server for the demo ({@code serveline.simulator.enabled}): it speaks real AMI
 * and FastAGI on loopback, so the server drives it exactly as it would drive Asterisk.
 */
class BuiltInPbx implements DisposableBean {

    static final String ID = "simulator";
    private static final String USER = "serveline";
    private static final String SECRET = "serveline-demo";

    private final PbxSimulator simulator;
    private final SimulatorProperties properties;
    private final int amiPort;

    BuiltInPbx(SimulatorProperties properties) {
        this.properties = properties;
        SimulatorConfig.Builder config = SimulatorConfig.builder().amiHost("127.0.0.1").amiPort(0)
                .credentials(USER, SECRET).timeScale(properties.timeScale()).spoolDir(properties.spoolDir())
                // the eventfilter of config/asterisk/manager.conf: the events a real Asterisk would send Serveline
                .amiEventFilter(SimulatorConfig.servelineEventFilter())
                .defaultParty(behaviour(properties.defaultParty()));
        properties.parties().forEach((number, behaviour) -> config.party(number, behaviour(behaviour)));
        config.contacts(properties.registeredEndpoints().stream()
                .map(endpoint -> new ContactActions.Contact(endpoint, "sip:" + endpoint + "@127.0.0.1:5062")).toList());
        this.simulator = new PbxSimulator(config.build());
        this.amiPort = simulator.start().ami();
    }

    TelephonyProperties.Pbx config() {
        return new TelephonyProperties.Pbx(ID, "127.0.0.1", amiPort, USER, SECRET, List.of(
                new TelephonyProperties.Trunk("sim-trunk", "Local/{number}@simulated-parties",
                        TelephonyProperties.NumberFormat.NATIONAL, "", properties.maxChannels(),
                        properties.callsPerSecond(), "\"Serveline\" <4700000>")), 0);
    }

    PbxSimulator simulator() {
        return simulator;
    }

    @Override
    public void destroy() {
        simulator.close();
    }

    /**
     * A behaviour by name: CONSENT, REFUSE, NO_ANSWER, BUSY, CONGESTION, HANG_UP, SILENT, ASK_OPERATOR,
     * ANSWERING_MACHINE, ENTER_NUMBER:&lt;mobile&gt;, KEY_IN_GREETING (keys 1 during the greeting, then consents at
     * the question), KEY_IN_GREETING_THEN_HANG_UP, REPLAY (presses 9 at the question, then 1), or
     * CARRIER_CAUSE:&lt;Q.850 cause&gt; (e.g. CARRIER_CAUSE:1 for an unallocated number).
     */
    static PartyBehaviour behaviour(String name) {
        String[] parts = name.split(":", 2);
        return switch (parts[0].trim().toUpperCase()) {
            case "CONSENT" -> PartyBehaviour.consent();
            case "REFUSE" -> PartyBehaviour.refuse();
            case "NO_ANSWER" -> PartyBehaviour.noAnswer();
            case "BUSY" -> PartyBehaviour.busy();
            case "CONGESTION" -> PartyBehaviour.congestion();
            case "HANG_UP" -> PartyBehaviour.hangUp();
            case "SILENT" -> PartyBehaviour.silent();
            case "ASK_OPERATOR" -> PartyBehaviour.askOperator();
            case "ANSWERING_MACHINE" -> PartyBehaviour.answeringMachine();
            case "ENTER_NUMBER" -> PartyBehaviour.enterNumber(parts.length > 1 ? parts[1] : "13800138000");
            case "KEY_IN_GREETING" -> PartyBehaviour.keysDuringGreeting(true);
            case "KEY_IN_GREETING_THEN_HANG_UP" -> PartyBehaviour.keysDuringGreeting(false);
            case "REPLAY" -> PartyBehaviour.replay();
            case "CARRIER_CAUSE" -> PartyBehaviour.carrierCause(cause(name, parts));
            default -> throw new IllegalArgumentException("unknown simulated party behaviour '" + name + "'");
        };
    }

    private static int cause(String name, String[] parts) {
        try {
            return Integer.parseInt(parts.length > 1 ? parts[1].trim() : "");
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("simulated party behaviour '" + name + "' needs a Q.850 cause, e.g. "
                    + "CARRIER_CAUSE:17");
        }
    }

    /**
     * The simulator's settings ({@code serveline.simulator}): numbers are as dialled (national form); the
     * softphones listed as registered answer PJSIPShowContacts like registered endpoints.
     */
    record SimulatorProperties(boolean enabled, double timeScale, Path spoolDir, Map<String, String> parties,
            String defaultParty, int maxChannels, double callsPerSecond, List<String> registeredEndpoints) {

        SimulatorProperties {
            timeScale = timeScale <= 0 ? 1.0 : timeScale;
            spoolDir = spoolDir == null ? Path.of(System.getProperty("java.io.tmpdir"), "serveline", "spool") : spoolDir;
            parties = parties == null ? Map.of() : Map.copyOf(parties);
            defaultParty = defaultParty == null ? "NO_ANSWER" : defaultParty;
            maxChannels = maxChannels <= 0 ? 100 : maxChannels;
            callsPerSecond = callsPerSecond <= 0 ? 20 : callsPerSecond;
            registeredEndpoints = registeredEndpoints == null ? List.of() : List.copyOf(registeredEndpoints);
        }
    }
}
