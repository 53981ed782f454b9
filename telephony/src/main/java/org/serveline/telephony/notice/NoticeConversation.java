package org.serveline.telephony.notice;

import java.time.Duration;
import java.util.Optional;
import org.serveline.telephony.agi.AgiChannel;
import org.serveline.telephony.agi.AgiCommandFailedException;
import org.serveline.telephony.agi.AgiException;
import org.serveline.telephony.agi.AgiHangupException;
import org.serveline.telephony.agi.AgiSession;
import org.serveline.telephony.notice.NoticeResult.ConsentCaptured;
import org.serveline.telephony.notice.NoticeResult.ConsentRefused;
import org.serveline.telephony.notice.NoticeResult.NoResponse;
import org.serveline.telephony.notice.NoticeResult.NoticeFailed;
import org.serveline.telephony.notice.NoticeResult.PartyHungUp;
import org.serveline.telephony.notice.NoticeResult.TransferRequested;
import org.serveline.telephony.prompt.RenderedPrompt;
import org.serveline.telephony.prompt.ScriptVersion;

/** One notice call: answer, play the notice, ask until a valid key or the rounds run out. */
final class NoticeConversation {

    static final char CONSENT = '1';
    static final char REFUSE = '2';
    static final char OPERATOR = '0';
    private static final String ANSWER_KEYS = "" + CONSENT + REFUSE + OPERATOR;

    private final AgiSession session;
    private final AgiChannel channel;
    private final NoticeCall call;
    private final NoticeScript script;
    private final NoticeSettings settings;
    private final ScriptVersion version;

    NoticeConversation(AgiSession session, NoticeCall call, NoticeScript script, NoticeSettings settings) {
        this.session = session;
        this.channel = session.channel();
        this.call = call;
        this.script = script;
        this.settings = settings;
        this.version = script.notice().version();
    }

    NoticeResult run() {
        try {
            channel.answer();
            return ask();
        } catch (AgiHangupException hangup) {
            return new PartyHungUp(call.attemptId(), call.uniqueId(), version, session.elapsed());
        } catch (AgiException failure) {
            return new NoticeFailed(call.attemptId(), call.uniqueId(), Optional.of(version), session.elapsed(),
                    failure.getMessage());
        }
    }

    private NoticeResult ask() {
        Optional<Character> key = play(script.notice());
        StringBuilder wrongKeys = new StringBuilder();
        for (int round = 1; ; round++) {
            if (key.isEmpty()) {
                key = channel.waitForDigit(settings.digitTimeout());
            }
            Duration at = session.elapsed();
            if (key.isPresent()) {
                char digit = key.get();
                switch (digit) {
                    case CONSENT -> {
                        return new ConsentCaptured(call.attemptId(), call.uniqueId(), version, at, digit, mobile());
                    }
                    case REFUSE -> {
                        return new ConsentRefused(call.attemptId(), call.uniqueId(), version, at, digit);
                    }
                    case OPERATOR -> {
                        return new TransferRequested(call.attemptId(), call.uniqueId(), version, at, digit);
                    }
                    default -> wrongKeys.append(digit);
                }
            }
            if (round >= settings.questionRounds()) {
                return new NoResponse(call.attemptId(), call.uniqueId(), version, at, round, wrongKeys.toString());
            }
            key = play(script.consentQuestion());
        }
    }

    private Optional<String> mobile() {
        return script.mobile().flatMap(step -> new MobileNumberStep(channel, step, settings).run());
    }

    /**
     * Plays a prompt the party may interrupt with an answer key. Asterisk answers {@code result=-1} both for a file
     * it cannot play and for a channel that is going away; CHANNEL STATUS tells which.
     */
    private Optional<Character> play(RenderedPrompt prompt) {
        try {
            return channel.streamFile(prompt.playbackName(), ANSWER_KEYS).digit();
        } catch (AgiCommandFailedException failed) {
            if (channel.hungUp() || channel.channelStatus() != AgiChannel.STATUS_UP) {
                throw new AgiHangupException("channel went away during " + prompt.version().templateVersion());
            }
            throw new AgiException("Asterisk could not play " + prompt.playbackName() + " ("
                    + prompt.version().templateVersion() + "): " + failed.getMessage());
        }
    }
}
