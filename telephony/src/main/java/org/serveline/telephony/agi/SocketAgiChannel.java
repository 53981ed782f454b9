package org.serveline.telephony.agi;

import java.time.Duration;
import java.util.Optional;
import org.asteriskjava.fastagi.command.AgiCommand;
import org.asteriskjava.fastagi.command.AnswerCommand;
import org.asteriskjava.fastagi.command.ChannelStatusCommand;
import org.asteriskjava.fastagi.command.GetDataCommand;
import org.asteriskjava.fastagi.command.GetVariableCommand;
import org.asteriskjava.fastagi.command.HangupCommand;
import org.asteriskjava.fastagi.command.SayDigitsCommand;
import org.asteriskjava.fastagi.command.SetVariableCommand;
import org.asteriskjava.fastagi.command.StreamFileCommand;
import org.asteriskjava.fastagi.command.WaitForDigitCommand;

/** {@link AgiChannel} over an {@link AgiConnection}; asterisk-java's command classes quote and escape the lines. */
final class SocketAgiChannel implements AgiChannel {

    private final AgiConnection connection;
    private final Duration replyTimeout;

    SocketAgiChannel(AgiConnection connection, Duration replyTimeout) {
        this.connection = connection;
        this.replyTimeout = replyTimeout;
    }

    private AgiReply send(AgiCommand command, Duration extra) {
        return connection.send(command.buildCommand(), replyTimeout.plus(extra));
    }

    private AgiReply send(AgiCommand command) {
        return send(command, Duration.ZERO);
    }

    private static int requireNotFailed(AgiReply reply) {
        int code = reply.resultCode();
        if (code < 0) {
            throw new AgiCommandFailedException("command failed: " + reply.line());
        }
        return code;
    }

    private static Optional<Character> digit(int code) {
        return code == 0 ? Optional.empty() : Optional.of((char) code);
    }

    @Override
    public void answer() {
        requireNotFailed(send(new AnswerCommand()));
    }

    @Override
    public Playback streamFile(String file, String escapeDigits) {
        AgiReply reply = send(new StreamFileCommand(file, escapeDigits));
        int code = requireNotFailed(reply);
        long endPosition = Long.parseLong(reply.attributes().getOrDefault("endpos", "0"));
        return new Playback(digit(code), endPosition);
    }

    @Override
    public Optional<Character> waitForDigit(Duration timeout) {
        return digit(requireNotFailed(send(new WaitForDigitCommand(timeout.toMillis()), timeout)));
    }

    @Override
    public DigitInput getData(String file, Duration timeout, int maxDigits) {
        AgiReply reply = send(new GetDataCommand(file, timeout.toMillis(), maxDigits), timeout.multipliedBy(maxDigits));
        if (reply.result().startsWith("-")) {
            throw new AgiCommandFailedException("command failed: " + reply.line());
        }
        boolean timedOut = reply.data().filter("timeout"::equals).isPresent();
        return new DigitInput(reply.result(), timedOut);
    }

    @Override
    public void sayDigits(String digits) {
        requireNotFailed(send(new SayDigitsCommand(digits, "")));
    }

    @Override
    public Optional<String> getVariable(String name) {
        AgiReply reply = send(new GetVariableCommand(name));
        return reply.resultCode() == 1 ? reply.data() : Optional.empty();
    }

    @Override
    public void setVariable(String name, String value) {
        send(new SetVariableCommand(name, value));
    }

    @Override
    public int channelStatus() {
        return requireNotFailed(send(new ChannelStatusCommand()));
    }

    @Override
    public void hangup() {
        send(new HangupCommand());
    }

    @Override
    public boolean hungUp() {
        return connection.hungUp();
    }
}
