package org.serveline.pbxsim.call;

import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.serveline.pbxsim.ami.AmiMessage;
import org.serveline.pbxsim.party.PartyBehaviour;

/**
 * One originated call: the two halves of a Local channel, the party's side (";2") and the PBX side (";1")
 * that runs the dialplan. Every method runs on the call's event loop, so the state needs no lock; the event
 * order of each scenario follows the Asterisk 22 traces in the fixtures.
 */
final class SimCall {

    enum Phase { RINGING, UP, ENDED }

    private final CallEnvironment env;
    private final EventLoop loop;
    private final OriginateRequest request;
    private final PartyBehaviour party;
    private final AmiMessage action;
    private final Consumer<AmiMessage> syncReply;
    private final SimChannel one;
    private final SimChannel two;
    private final PartyScript script;
    private volatile Phase phase = Phase.RINGING;
    private ScheduledFuture<?> timeoutTimer;
    private AgiSession agi;
    private boolean originateReported;
    private boolean inDialplanContext;
    private boolean oneDead;
    private boolean oneGone;
    private boolean twoGone;
    private int oneCause;
    private long recordingStartNanos = -1;
    private String[] redirect;
    private long hangupNanos;

    SimCall(CallEnvironment env, EventLoop loop, OriginateRequest request, PartyBehaviour party,
            AmiMessage action, Consumer<AmiMessage> syncReply) {
        this.action = action;
        this.env = env;
        this.loop = loop;
        this.request = request;
        this.party = party;
        this.syncReply = syncReply;
        String base = request.tech() + "/" + request.dialString() + "-" + env.nextChannelSequence();
        String oneId = request.channelId() != null ? request.channelId() : env.nextUniqueid();
        String twoId = request.otherChannelId() != null ? request.otherChannelId() : env.nextUniqueid();
        var vars = env.settings().amiChannelVars();
        this.one = new SimChannel(base + ";1", oneId, oneId, SimChannel.DOWN, request.partyContext(), request.number(), vars);
        this.two = new SimChannel(base + ";2", twoId, oneId, SimChannel.RING, request.partyContext(), request.number(), vars);
        this.script = new PartyScript(this, party);
    }

    SimChannel one() {
        return one;
    }

    SimChannel two() {
        return two;
    }

    Phase phase() {
        return phase;
    }

    EventLoop loop() {
        return loop;
    }

    CallSettings settings() {
        return env.settings();
    }

    PartyBehaviour party() {
        return party;
    }

    void emit(AmiMessage event) {
        env.sink().publish(event);
    }

    ScheduledFuture<?> schedule(Duration pbxTime, Runnable task) {
        return loop.schedule(task, settings().realNanos(pbxTime), TimeUnit.NANOSECONDS);
    }

    /** Creates both halves and starts ringing the party. */
    void start() {
        emit(CallEvents.newchannel(one));
        emit(CallEvents.newchannel(two));
        dressChannel(one, false);
        dressChannel(two, true);
        emit(CallEvents.localBridge(one, two, request.partyContext(), request.number()));
        emit(CallEvents.dialBegin(one, request.dialString()));
        timeoutTimer = schedule(request.timeout(), this::noAnswer);
        Duration ring = party.timing().ringTime();
        if (!ring.isZero() || party instanceof PartyBehaviour.NoAnswer) {
            one.setState(SimChannel.RINGING);
            emit(CallEvents.newstate(one));
            emit(CallEvents.dialState(one, "RINGING"));
        }
        switch (party) {
            case PartyBehaviour.NoAnswer n -> { }
            case PartyBehaviour.Busy b -> schedule(ring, () -> reject("BUSY", 17, 5));
            case PartyBehaviour.Congestion c -> schedule(ring, () -> reject("CONGESTION", 34, 8));
            case PartyBehaviour.CarrierCause c -> schedule(ring, () -> reject(CarrierCauses.dialStatus(c.cause()),
                    c.cause(), CarrierCauses.originateReason(c.cause())));
            default -> schedule(ring, this::answer);
        }
    }

    /** Variables, then caller id; the ";2" half already carries the connected line when NewCallerid is sent. */
    private void dressChannel(SimChannel ch, boolean connectedFirst) {
        for (Map.Entry<String, String> var : request.variables().entrySet()) {
            ch.setVariable(var.getKey(), var.getValue());
            emit(CallEvents.varSet(ch, var.getKey(), var.getValue()));
        }
        if (request.callerIdNum() != null) {
            if (connectedFirst) {
                ch.setConnectedLine(request.callerIdNum(), request.callerIdName());
            }
            ch.setCallerId(request.callerIdNum(), request.callerIdName());
            emit(CallEvents.newCallerid(ch));
            ch.setConnectedLine(request.callerIdNum(), request.callerIdName());
            emit(CallEvents.newConnectedLine(ch));
        }
    }

    private void answer() {
        if (phase != Phase.RINGING) {
            return;
        }
        timeoutTimer.cancel(false);
        phase = Phase.UP;
        two.setState(SimChannel.UP);
        emit(CallEvents.newstate(two));
        one.setState(SimChannel.UP);
        emit(CallEvents.newstate(one));
        emit(CallEvents.dialEnd(one, "ANSWER"));
        script.answered();
        if (request.runsApplication()) {
            one.setApplication(request.application(), request.data());
            reportOriginate(true, 4);
            runApplication();
        } else {
            runContext(request.context(), request.exten(), request.priority(), () -> reportOriginate(true, 4));
        }
    }

    private void runApplication() {
        if (request.application().equalsIgnoreCase("AGI")) {
            startAgi(request.data());
        } else {
            schedule(settings().promptDuration(), () -> markOneDead(16));
        }
    }

    /**
     * Runs a dialplan context on ";1": AMD() if it detects machines (a machine is hung up on there), MixMonitor if it
     * records, then AGI; {@code beforeAgi} in between.
     */
    private void runContext(String context, String exten, int priority, Runnable beforeAgi) {
        one.setLocation(context, exten, priority);
        DialplanContext plan = settings().dialplan().get(context);
        inDialplanContext = plan != null;
        if (plan != null && plan.amd() && recordingStartNanos < 0 && !"off".equals(one.variable("SERVELINE_AMD"))) {
            boolean machine = party instanceof PartyBehaviour.AnsweringMachine;
            one.setApplication("AMD", "");
            setVariable(one, "AMDSTATUS", machine ? "MACHINE" : "HUMAN");
            setVariable(one, "AMDCAUSE", machine ? "LONGGREETING-5000-1500" : "HUMAN-300-800");
            if (machine) {
                beforeAgi.run();
                one.setApplication("Hangup", "16");
                markOneDead(16);
                return;
            }
        }
        if (plan != null && plan.mixMonitor() && recordingStartNanos < 0) {
            one.setPriority(priority + 2);
            String file = settings().spoolDir().resolve(recordingName() + ".wav").toString();
            one.setVariable("MIXMONITOR_FILENAME", file);
            one.setApplication("MixMonitor", file);
            emit(CallEvents.varSet(one, "MIXMONITOR_FILENAME", file));
            emit(CallEvents.mixMonitorStart(one));
            recordingStartNanos = System.nanoTime();
        }
        if (plan != null) {
            one.setPriority(priority + 3);
        }
        beforeAgi.run();
        if (plan != null && plan.agiUrlTemplate() != null) {
            startAgi(substitute(plan.agiUrlTemplate()));
        }
    }

    private String recordingName() {
        String attempt = one.variable("SERVELINE_ATTEMPT_ID");
        return attempt != null && attempt.matches("[A-Za-z0-9._-]+") ? attempt : one.uniqueid();
    }

    String substitute(String template) {
        return Substitution.apply(template, name -> {
            String value = one.variable(name);
            return value != null ? value : settings().globalVariables().get(name);
        });
    }

    private void startAgi(String data) {
        one.setApplication("AGI", data);
        agi = new AgiSession(this, data, env.agiConnector(), env.agiTurns());
        agi.connect();
    }

    private void reportOriginate(boolean success, int reason) {
        if (originateReported) {
            return;
        }
        originateReported = true;
        if (!request.async()) {
            syncReply.accept(success ? AmiMessage.success(action, "Originate successfully queued")
                    : AmiMessage.error(action, "Originate failed"));
            return;
        }
        emit(CallEvents.originateResponse(request, one, success, reason));
    }

    private void noAnswer() {
        if (phase != Phase.RINGING) {
            return;
        }
        emit(CallEvents.hangupRequest(two, 19));
        emit(CallEvents.softHangupRequest(two, 16));
        emit(CallEvents.hangup(two, 19));
        reportOriginate(false, 3);
        emit(CallEvents.hangup(one, 19));
        ended();
    }

    private void reject(String dialStatus, int cause, int reason) {
        if (phase != Phase.RINGING) {
            return;
        }
        two.setState(SimChannel.BUSY);
        emit(CallEvents.newstate(two));
        emit(CallEvents.dialEnd(one, dialStatus));
        emit(CallEvents.hangupRequest(two, 0));
        emit(CallEvents.softHangupRequest(two, 16));
        emit(CallEvents.hangup(one, 0));
        emit(CallEvents.hangup(two, cause));
        reportOriginate(false, reason);
        ended();
    }

    /** The party keys one digit: Asterisk reports it on ";1" as Received, then the AGI may read it. */
    void keyDigit(char digit) {
        if (phase != Phase.UP || oneDead || twoGone) {
            return;
        }
        emit(CallEvents.dtmfBegin(one, digit));
        emit(CallEvents.dtmfEnd(one, digit, PartyScript.DIGIT_MILLIS));
        if (agi != null) {
            agi.digit(digit);
        }
    }

    /** When the channel's hangup began (0 while up): what a prompt cut by it had played is measured to here. */
    long hangupNanos() {
        return hangupNanos;
    }

    void promptStarted() {
        script.promptStarted();
    }

    void promptEnded() {
        script.promptEnded();
    }

    /** The party hangs up while the call is up (trace 1006). */
    void partyHangsUp() {
        if (phase != Phase.UP || twoGone) {
            return;
        }
        hangupNanos = System.nanoTime();
        emit(CallEvents.softHangupRequest(two, 16));
        emit(CallEvents.hangupRequest(one, 16));
        emit(CallEvents.hangup(two, 16));
        twoGone = true;
        markOneDead(16);
    }

    /** The AGI sent HANGUP (traces 1001, 1002, 1007): a soft hangup with cause 32 on ";1". */
    void agiHangsUp() {
        emit(CallEvents.softHangupRequest(one, 32));
        oneDead = true;
        oneCause = 0;
        script.stop();
    }

    private void markOneDead(int cause) {
        if (oneDead) {
            return;
        }
        if (hangupNanos == 0) {
            hangupNanos = System.nanoTime();
        }
        oneDead = true;
        oneCause = cause;
        script.stop();
        if (agi != null) {
            agi.channelHungUp();
        } else {
            finishOne();
        }
    }

    /** The FastAGI connection is over (closed by the server, refused, or timed out). */
    void agiEnded(String status) {
        agi = null;
        emit(CallEvents.varSet(one, "AGISTATUS", status));
        one.setVariable("AGISTATUS", status);
        if (redirect != null && !oneDead) {
            String[] target = redirect;
            redirect = null;
            runContext(target[0], target[1], Integer.parseInt(target[2]), () -> { });
            return;
        }
        if (!oneDead) {
            oneDead = true;
            oneCause = 16;
            script.stop();
        }
        finishOne();
    }

    private void finishOne() {
        if (oneGone) {
            return;
        }
        oneGone = true;
        if (inDialplanContext) {
            // the end of the dialplan context and its h extension, as traced for outbound-notice
            emit(CallEvents.softHangupRequest(one, 16));
            one.setLocation(one.context(), "h", 2);
        }
        if (!twoGone) {
            emit(CallEvents.hangupRequest(two, oneCause));
            emit(CallEvents.hangup(one, oneCause));
            emit(CallEvents.softHangupRequest(two, 16));
            emit(CallEvents.hangup(two, oneCause));
            twoGone = true;
        } else {
            emit(CallEvents.hangup(one, oneCause));
        }
        ended();
    }

    /** AMI Hangup of either half. */
    void hangupByManager(SimChannel target, int cause) {
        switch (phase) {
            case ENDED -> { }
            case RINGING -> {
                timeoutTimer.cancel(false);
                emit(CallEvents.softHangupRequest(target, cause));
                emit(CallEvents.hangup(two, cause));
                reportOriginate(false, 1);
                emit(CallEvents.hangup(one, cause));
                ended();
            }
            case UP -> {
                if (target == two) {
                    partyHangsUp();
                } else if (!oneDead) {
                    emit(CallEvents.softHangupRequest(one, cause));
                    markOneDead(cause);
                }
            }
        }
    }

    /** AMI Redirect of ";1": the running AGI is told HANGUP, then the new context runs. */
    boolean redirect(String context, String exten, int priority) {
        if (phase != Phase.UP || oneDead) {
            return false;
        }
        if (agi != null) {
            redirect = new String[] {context, exten, Integer.toString(priority)};
            agi.channelHungUp();
        } else {
            runContext(context, exten, priority, () -> { });
        }
        return true;
    }

    void setVariable(SimChannel channel, String name, String value) {
        channel.setVariable(name, value);
        emit(CallEvents.varSet(channel, name, value));
    }

    /**
     * The PBX died (kill -9): the call is gone without a single AMI event; the AGI connection drops, the recording
     * is never finished.
     */
    void vanish() {
        if (stop()) {
            agi = null;
            env.ended(this);
        }
    }

    private void ended() {
        if (!stop()) {
            return;
        }
        if (recordingStartNanos >= 0) {
            long pbxNanos = settings().pbxNanos(System.nanoTime() - recordingStartNanos);
            env.recorder().write(recordingName(), Duration.ofNanos(pbxNanos));
        }
        env.ended(this);
    }

    /** Ends the call's own activity (timer, party script, AGI session); false if it had already ended. */
    private boolean stop() {
        if (phase == Phase.ENDED) {
            return false;
        }
        phase = Phase.ENDED;
        if (timeoutTimer != null) {
            timeoutTimer.cancel(false);
        }
        script.stop();
        if (agi != null) {
            agi.abandon();
        }
        return true;
    }
}
