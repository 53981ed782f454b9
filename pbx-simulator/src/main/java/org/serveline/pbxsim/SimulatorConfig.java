package org.serveline.pbxsim;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.serveline.pbxsim.ami.EventFilter;
import org.serveline.pbxsim.call.DialplanContext;
import org.serveline.pbxsim.party.PartyBehaviour;
import org.serveline.pbxsim.pjsip.ContactActions;

/**
 * Everything the simulator is told at start-up. Build with {@link #builder()}; the defaults are those of the
 * recorded traces (user serveline / serveline-secret, numbers 1001..1007 as the trace scenarios).
 *
 * @param amiHost          address the AMI listener binds (127.0.0.1 by default)
 * @param amiPort          AMI port, 0 for an ephemeral one
 * @param username         the manager user
 * @param secret           its secret
 * @param timeScale        real time = PBX time x timeScale, in (0, 10]
 * @param spoolDir         MixMonitor's directory
 * @param parties          number to behaviour
 * @param defaultParty     behaviour of a number not in {@code parties}
 * @param dialplan         context to what it runs on the answered channel
 * @param amiChannelVars   manager.conf channelvars (ChanVariable headers on every channel event)
 * @param promptDuration   how long each prompt plays, PBX time
 * @param agiIdleTimeout   real time a FastAGI server may stay silent before the PBX closes the session
 * @param contacts         what PJSIPShowContacts lists
 * @param eventLoopThreads Netty event loop threads (0 = Netty's default, 2 x cores)
 * @param amiWrite         the manager user's write= classes ({@code all} by default, as in the traces); an action
 *                         outside them is answered "Permission denied"
 * @param amiEventFilter   the manager user's eventfilter lines ({@code key = pattern}, as in manager.conf; none by
 *                         default, as in the traces): the events they hold back are not sent, as Asterisk 22 does
 */
public record SimulatorConfig(
        String amiHost,
        int amiPort,
        String username,
        String secret,
        double timeScale,
        Path spoolDir,
        Map<String, PartyBehaviour> parties,
        PartyBehaviour defaultParty,
        Map<String, DialplanContext> dialplan,
        List<String> amiChannelVars,
        Duration promptDuration,
        Duration agiIdleTimeout,
        List<ContactActions.Contact> contacts,
        int eventLoopThreads,
        Set<String> amiWrite,
        List<String> amiEventFilter) {

    public SimulatorConfig {
        Objects.requireNonNull(amiHost, "amiHost");
        Objects.requireNonNull(spoolDir, "spoolDir");
        Objects.requireNonNull(defaultParty, "defaultParty");
        if (amiPort < 0 || amiPort > 65535) {
            throw new IllegalArgumentException("amiPort out of range: " + amiPort);
        }
        if (!(timeScale > 0 && timeScale <= 10)) {
            throw new IllegalArgumentException("timeScale must be in (0, 10]: " + timeScale);
        }
        parties = Map.copyOf(parties);
        dialplan = Map.copyOf(dialplan);
        amiChannelVars = List.copyOf(amiChannelVars);
        contacts = List.copyOf(contacts);
        amiWrite = Set.copyOf(amiWrite);
        amiEventFilter = List.copyOf(amiEventFilter);
        EventFilter.parse(amiEventFilter); // a line Asterisk would refuse fails here, not at the first login
    }

    public PartyBehaviour partyFor(String number) {
        return parties.getOrDefault(number, defaultParty);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The parties of the recorded scenarios, plus 1008..1010 for the kinds the traces do not cover. */
    public static Map<String, PartyBehaviour> traceParties() {
        Map<String, PartyBehaviour> parties = new LinkedHashMap<>();
        parties.put("1001", PartyBehaviour.consent());
        parties.put("1002", PartyBehaviour.refuse());
        parties.put("1003", PartyBehaviour.noAnswer());
        parties.put("1004", PartyBehaviour.busy());
        parties.put("1005", PartyBehaviour.congestion());
        parties.put("1006", PartyBehaviour.hangUp());
        parties.put("1007", PartyBehaviour.silent());
        parties.put("1008", PartyBehaviour.enterNumber("13800138000"));
        parties.put("1009", PartyBehaviour.askOperator());
        parties.put("1010", PartyBehaviour.answeringMachine());
        return parties;
    }

    /** The contexts of config/asterisk/extensions.conf as the simulator runs them. */
    public static Map<String, DialplanContext> servelineDialplan() {
        return Map.of(
                "serveline-outbound", DialplanContext.recordedAgiAfterAmd(
                        "${SERVELINE_AGI_URL}/notice?attempt=${SERVELINE_ATTEMPT_ID}"),
                "serveline-consent", DialplanContext.agi("${SERVELINE_AGI_URL}/consent?attempt=${SERVELINE_ATTEMPT_ID}"),
                "serveline-operator", DialplanContext.recordedHold());
    }

    /**
     * The eventfilter lines of the {@code [serveline]} user as {@code config/asterisk/manager.conf} ships them (a
     * test keeps the two equal), for a simulator that should send Serveline what a real Asterisk would send it.
     */
    public static List<String> servelineEventFilter() {
        return List.of(
                "eventfilter(action(include),name(Newchannel)) =",
                "eventfilter(action(include),name(Newstate)) =",
                "eventfilter(action(include),name(DialEnd)) =",
                "eventfilter(action(include),name(HangupRequest)) =",
                "eventfilter(action(include),name(SoftHangupRequest)) =",
                "eventfilter(action(include),name(Hangup)) =",
                "eventfilter(action(include),name(OriginateResponse)) =",
                "eventfilter(action(include),name(LocalOptimizationBegin)) =",
                "eventfilter(action(include),name(VarSet),header(Variable),method(ends_with)) = SERVELINE_ATTEMPT_ID",
                "eventfilter(action(include),name(VarSet),header(Variable),method(exact)) = AMDSTATUS",
                "eventfilter(action(include),name(VarSet),header(Variable),method(exact)) = AMDCAUSE",
                "eventfilter(action(include),name(ContactStatus)) =");
    }

    public static final class Builder {
        private String amiHost = "127.0.0.1";
        private int amiPort;
        private String username = "serveline";
        private String secret = "serveline-secret";
        private double timeScale = 1.0;
        private Path spoolDir = Path.of(System.getProperty("java.io.tmpdir"), "pbxsim-monitor");
        private final Map<String, PartyBehaviour> parties = new LinkedHashMap<>(traceParties());
        private PartyBehaviour defaultParty = PartyBehaviour.consent();
        private final Map<String, DialplanContext> dialplan = new LinkedHashMap<>(servelineDialplan());
        private List<String> amiChannelVars = List.of();
        private Duration promptDuration = Duration.ofNanos(11234L * 125_000);
        private Duration agiIdleTimeout = Duration.ofMinutes(5);
        private List<ContactActions.Contact> contacts = List.of();
        private int eventLoopThreads;
        private Set<String> amiWrite = Set.of("all");
        private List<String> amiEventFilter = List.of();

        public Builder amiHost(String value) { amiHost = value; return this; }
        public Builder amiPort(int value) { amiPort = value; return this; }
        public Builder credentials(String user, String password) { username = user; secret = password; return this; }
        public Builder timeScale(double value) { timeScale = value; return this; }
        public Builder spoolDir(Path value) { spoolDir = value; return this; }
        public Builder party(String number, PartyBehaviour behaviour) { parties.put(number, behaviour); return this; }
        public Builder defaultParty(PartyBehaviour value) { defaultParty = value; return this; }
        public Builder context(String name, DialplanContext context) { dialplan.put(name, context); return this; }
        public Builder amiChannelVars(List<String> value) { amiChannelVars = value; return this; }
        public Builder promptDuration(Duration value) { promptDuration = value; return this; }
        public Builder agiIdleTimeout(Duration value) { agiIdleTimeout = value; return this; }
        public Builder contacts(List<ContactActions.Contact> value) { contacts = value; return this; }
        public Builder eventLoopThreads(int value) { eventLoopThreads = value; return this; }
        public Builder amiWrite(Set<String> value) { amiWrite = value; return this; }
        public Builder amiEventFilter(List<String> value) { amiEventFilter = value; return this; }

        public SimulatorConfig build() {
            return new SimulatorConfig(amiHost, amiPort, username, secret, timeScale, spoolDir, parties,
                    defaultParty, dialplan, amiChannelVars, promptDuration, agiIdleTimeout, contacts, eventLoopThreads,
                    amiWrite, amiEventFilter);
        }
    }
}
