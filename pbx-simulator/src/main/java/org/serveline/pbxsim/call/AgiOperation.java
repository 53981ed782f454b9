package org.serveline.pbxsim.call;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ScheduledFuture;

/**
 * One AGI command being executed. Most finish at once; prompts and digit reads finish on a timer, on a digit,
 * or with -1 when the channel hangs up. All on the call's event loop.
 */
abstract class AgiOperation {

    final AgiSession session;
    final long id;
    final AgiCommand command;
    ScheduledFuture<?> timer;
    private boolean done;

    AgiOperation(AgiSession session, long id, AgiCommand command) {
        this.session = session;
        this.id = id;
        this.command = command;
    }

    /** Starts the command; returns the operation, already done if it finished at once. */
    static AgiOperation start(AgiSession session, long id, AgiCommand command, AgiCommand.Verb verb) {
        SimCall call = session.call();
        SimChannel one = call.one();
        AgiOperation op = switch (verb) {
            case STREAM_FILE -> command.args().size() < 4 ? null
                    : new Prompt(session, id, command, command.arg(3, ""), true);
            // SAY DIGITS number escape: the digits are played like a prompt; Asterisk answers 200 result=0
            case SAY_DIGITS -> command.args().size() < 4 ? null : new Prompt(session, id, command, "", false);
            case WAIT_FOR_DIGIT -> command.args().size() < 4 ? null
                    : new WaitForDigit(session, id, command, command.argInt(3, -1));
            case GET_DATA -> command.args().size() < 3 ? null : new GetData(session, id, command);
            case EXEC -> exec(session, id, command);
            default -> new Immediate(session, id, command);
        };
        if (op == null) {
            op = new Immediate(session, id, command);
            op.finish(520, "Usage", "520 Invalid command syntax.  Proper usage not available.");
            return op;
        }
        if (op instanceof Immediate immediate) {
            immediate.run(verb, one, call);
        } else {
            session.activate(op);
            op.begin();
        }
        return op;
    }

    private static AgiOperation exec(AgiSession session, long id, AgiCommand command) {
        String app = command.arg(1, "").toLowerCase(Locale.ROOT);
        return switch (app) {
            case "playback", "background" -> new Prompt(session, id, command, "", false);
            default -> new Immediate(session, id, command);
        };
    }

    abstract void begin();

    /** A digit arrived while this command runs. */
    void digit(char digit) {
    }

    /** The channel hung up while this command runs. */
    abstract void hangup();

    boolean isDone() {
        return done;
    }

    void cancel() {
        done = true;
        if (timer != null) {
            timer.cancel(false);
        }
    }

    final void finish(int resultCode, String result, String reply) {
        if (done) {
            return;
        }
        cancel();
        session.finish(id, command.line(), resultCode, result, reply);
    }

    ScheduledFuture<?> after(Duration pbxTime, Runnable task) {
        return session.call().schedule(pbxTime, task);
    }

    /** Commands that answer at once. */
    static final class Immediate extends AgiOperation {
        Immediate(AgiSession session, long id, AgiCommand command) {
            super(session, id, command);
        }

        void run(AgiCommand.Verb verb, SimChannel one, SimCall call) {
            switch (verb) {
                case ANSWER -> finish(200, "Success", "200 result=0");
                case GET_VARIABLE -> {
                    String name = command.arg(2, "");
                    String value = one.variable(name);
                    if (value == null) {
                        value = call.settings().globalVariables().get(name);
                    }
                    finish(200, "Success", value == null ? "200 result=0" : "200 result=1 (" + value + ")");
                }
                case SET_VARIABLE -> {
                    call.setVariable(one, command.arg(2, ""), command.arg(3, ""));
                    finish(200, "Success", "200 result=1");
                }
                case HANGUP -> {
                    cancel();
                    session.hangupCommand(id, command.line());
                }
                case VERBOSE, NOOP -> finish(200, "Success", "200 result=1");
                case CHANNEL_STATUS -> finish(200, "Success", "200 result=" + one.state());
                case EXEC -> {
                    if (command.arg(1, "").equalsIgnoreCase("AMD")) {
                        boolean machine = call.party() instanceof org.serveline.pbxsim.party.PartyBehaviour.AnsweringMachine;
                        call.setVariable(one, "AMDSTATUS", machine ? "MACHINE" : "HUMAN");
                        call.setVariable(one, "AMDCAUSE", machine ? "LONGGREETING-2000-1500" : "HUMAN-300-600");
                    }
                    finish(200, "Success", "200 result=0");
                }
                default -> finish(510, "Command Not Found", "510 Invalid or unknown command");
            }
        }

        @Override
        void begin() {
        }

        @Override
        void hangup() {
        }
    }

    /** STREAM FILE (interruptible by its escape digits) and EXEC Playback. */
    static final class Prompt extends AgiOperation {
        private final String escape;
        private final boolean streamFile;
        private final long samples;
        private long startNanos;

        Prompt(AgiSession session, long id, AgiCommand command, String escape, boolean streamFile) {
            super(session, id, command);
            this.escape = escape;
            this.streamFile = streamFile;
            this.samples = session.call().settings().promptDuration().toNanos() * CallSettings.SAMPLE_RATE / 1_000_000_000L;
        }

        @Override
        void begin() {
            startNanos = System.nanoTime();
            timer = after(session.call().settings().promptDuration(), this::completed);
            session.call().promptStarted();
        }

        private void completed() {
            playbackStatus("SUCCESS");
            finish(200, "Success", streamFile ? "200 result=0 endpos=" + samples : "200 result=0");
            session.call().promptEnded();
        }

        @Override
        void digit(char digit) {
            if (streamFile && escape.indexOf(digit) >= 0) {
                playbackStatus("SUCCESS");
                finish(200, "Success", "200 result=" + (int) digit + " endpos=" + position());
                session.call().promptEnded();
            }
        }

        @Override
        void hangup() {
            playbackStatus("FAILED");
            finish(-1, "Failure", streamFile ? "200 result=-1 endpos=" + position() : "200 result=-1");
        }

        private void playbackStatus(String status) {
            SimCall call = session.call();
            call.setVariable(call.one(), "PLAYBACKSTATUS", status);
        }

        /** Samples played so far, in whole 20 ms frames; Asterisk has read at least one frame (endpos=160). */
        private long position() {
            long hungUpAt = session.call().hangupNanos();
            long end = hungUpAt > startNanos ? hungUpAt : System.nanoTime();
            long pbxNanos = session.call().settings().pbxNanos(end - startNanos);
            long played = pbxNanos * CallSettings.SAMPLE_RATE / 1_000_000_000L / 160 * 160;
            return Math.min(samples, Math.max(160, played));
        }
    }

    /** WAIT FOR DIGIT timeout: the ASCII code of the digit, 0 on timeout, -1 on hangup. */
    static final class WaitForDigit extends AgiOperation {
        private final int timeoutMs;

        WaitForDigit(AgiSession session, long id, AgiCommand command, int timeoutMs) {
            super(session, id, command);
            this.timeoutMs = timeoutMs;
        }

        @Override
        void begin() {
            Character buffered = session.takeBufferedDigit();
            if (buffered != null) {
                digit(buffered);
            } else if (timeoutMs >= 0) {
                timer = after(Duration.ofMillis(timeoutMs), () -> finish(200, "Success", "200 result=0"));
            }
        }

        @Override
        void digit(char digit) {
            finish(200, "Success", "200 result=" + (int) digit);
        }

        @Override
        void hangup() {
            finish(-1, "Failure", "200 result=-1");
        }
    }

    /** GET DATA file [timeout] [maxdigits]: plays the prompt, then collects digits until #, max or timeout. */
    static final class GetData extends AgiOperation {
        private static final int DEFAULT_TIMEOUT_MS = 5000;
        private final StringBuilder digits = new StringBuilder();
        private final int timeoutMs;
        private final int maxDigits;
        private boolean prompting;

        GetData(AgiSession session, long id, AgiCommand command) {
            super(session, id, command);
            int timeout = command.argInt(3, 0);
            this.timeoutMs = timeout > 0 ? timeout : DEFAULT_TIMEOUT_MS;
            this.maxDigits = command.argInt(4, 255);
        }

        @Override
        void begin() {
            prompting = true;
            timer = after(session.call().settings().promptDuration(), this::promptDone);
            session.call().promptStarted();
            Character buffered;
            while (!isDone() && (buffered = session.takeBufferedDigit()) != null) {
                digit(buffered);
            }
        }

        private void promptDone() {
            prompting = false;
            session.call().promptEnded();
            timer = after(Duration.ofMillis(timeoutMs), this::timedOut);
        }

        private void timedOut() {
            finish(200, "Success", "200 result=" + digits + " (timeout)");
        }

        @Override
        void digit(char digit) {
            if (isDone()) {
                return;
            }
            if (prompting) {
                prompting = false;
                if (timer != null) {
                    timer.cancel(false);
                }
            }
            if (digit == '#') {
                finish(200, "Success", "200 result=" + digits);
                return;
            }
            digits.append(digit);
            if (digits.length() >= maxDigits) {
                finish(200, "Success", "200 result=" + digits);
                return;
            }
            if (timer != null) {
                timer.cancel(false);
            }
            timer = after(Duration.ofMillis(timeoutMs), this::timedOut);
        }

        @Override
        void hangup() {
            finish(200, "Success", "200 result=-1");
        }
    }
}
