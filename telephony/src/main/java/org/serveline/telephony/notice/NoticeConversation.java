package org.serveline.telephony.notice;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
import org.serveline.telephony.prompt.RenderedSegment;
import org.serveline.telephony.prompt.ScriptVersion;

/**
 * One notice call: answer, play the notice segment by segment, ask until a valid key or the rounds run out.
 *
 * <p>Before the question, any key cuts the notice short: 0 asks for an operator, 9 starts the notice again, every
 * other key (1 and 2 too) only skips to the question, since a party who has not heard the question has not
 * answered it. Once the question has started, 1 consents, 2 refuses, 0 asks for an operator and 9 plays the
 * notice again (at most {@link NoticeSettings#replays()} times). Every play is recorded in {@link PlayedSegment}s.
 */
final class NoticeConversation {

    static final char CONSENT = '1';
    static final char REFUSE = '2';
    static final char OPERATOR = '0';
    static final char REPLAY = '9';
    static final String NOTICE_KEYS = "0123456789*#";
    static final String ANSWER_KEYS = "" + CONSENT + REFUSE + OPERATOR + REPLAY;
    private static final long SAMPLES_PER_MILLI = 8;

    private final AgiSession session;
    private final AgiChannel channel;
    private final NoticeCall call;
    private final NoticeScript script;
    private final NoticeSettings settings;
    private final ScriptVersion version;
    private final List<PlayedSegment> played = new ArrayList<>();
    private int replays;

    NoticeConversation(AgiSession session, NoticeCall call, NoticeScript script, NoticeSettings settings) {
        this.session = session;
        this.channel = session.channel();
        this.call = call;
        this.script = script;
        this.settings = settings;
        this.version = script.version();
    }

    NoticeResult run() {
        try {
            channel.answer();
            return ask();
        } catch (AgiHangupException hangup) {
            return new PartyHungUp(call.attemptId(), call.uniqueId(), version, session.elapsed(), heard());
        } catch (AgiException failure) {
            return new NoticeFailed(call.attemptId(), call.uniqueId(), Optional.of(version), session.elapsed(),
                    failure.getMessage(), heard());
        }
    }

    private NoticeResult ask() {
        if (playNotice()) {
            return new TransferRequested(call.attemptId(), call.uniqueId(), version, session.elapsed(), OPERATOR,
                    heard());
        }
        StringBuilder wrongKeys = new StringBuilder();
        for (int round = 1; ; round++) {
            Optional<Character> key = play(script.notice().question(), ANSWER_KEYS);
            if (key.isEmpty()) {
                key = channel.waitForDigit(settings.digitTimeout());
            }
            Duration at = session.elapsed();
            if (key.isPresent()) {
                char digit = key.get();
                switch (digit) {
                    case CONSENT -> {
                        return new ConsentCaptured(call.attemptId(), call.uniqueId(), version, at, digit, mobile(),
                                heard());
                    }
                    case REFUSE -> {
                        return new ConsentRefused(call.attemptId(), call.uniqueId(), version, at, digit, heard());
                    }
                    case OPERATOR -> {
                        return new TransferRequested(call.attemptId(), call.uniqueId(), version, at, digit, heard());
                    }
                    case REPLAY -> {
                        if (replays < settings.replays()) {
                            replays++;
                            if (playNotice()) {
                                return new TransferRequested(call.attemptId(), call.uniqueId(), version,
                                        session.elapsed(), OPERATOR, heard());
                            }
                            round--; // a replay the party asked for is no unanswered round
                            continue;
                        }
                        wrongKeys.append(digit);
                    }
                    default -> wrongKeys.append(digit);
                }
            }
            if (round >= settings.questionRounds()) {
                return new NoResponse(call.attemptId(), call.uniqueId(), version, at, round, wrongKeys.toString(),
                        heard());
            }
        }
    }

    /**
     * Plays the segments before the question; a key cuts them short. Returns true when the party asked for an
     * operator; 9 starts the notice again (counted as a replay), any other key skips to the question.
     */
    private boolean playNotice() {
        List<RenderedSegment> segments = script.notice().segments();
        for (int i = 0; i < segments.size(); i++) {
            Optional<Character> key = play(segments.get(i), NOTICE_KEYS);
            if (key.isEmpty()) {
                continue;
            }
            if (key.get() == OPERATOR) {
                return true;
            }
            if (key.get() == REPLAY && replays < settings.replays()) {
                replays++;
                i = -1;
                continue;
            }
            return false;
        }
        return false;
    }

    private Optional<String> mobile() {
        return script.mobile().flatMap(step -> new MobileNumberStep(channel, step, settings).run());
    }

    private List<PlayedSegment> heard() {
        return List.copyOf(played);
    }

    /**
     * Plays a segment the party may interrupt with one of {@code keys}, and records how much was played. Asterisk
     * answers {@code result=-1} both for a file it cannot play and for a channel that is going away; CHANNEL STATUS
     * tells which.
     */
    private Optional<Character> play(RenderedSegment segment, String keys) {
        Duration startedAt = session.elapsed();
        try {
            AgiChannel.Playback playback = channel.streamFile(segment.prompt().playbackName(), keys);
            played.add(new PlayedSegment(segment.name(), startedAt,
                    Duration.ofMillis(playback.endPosition() / SAMPLES_PER_MILLI), playback.digit()));
            return playback.digit();
        } catch (AgiHangupException gone) {
            played.add(new PlayedSegment(segment.name(), startedAt, session.elapsed().minus(startedAt),
                    Optional.empty()));
            throw gone;
        } catch (AgiCommandFailedException failed) {
            played.add(new PlayedSegment(segment.name(), startedAt, session.elapsed().minus(startedAt),
                    Optional.empty()));
            if (channel.hungUp() || channel.channelStatus() != AgiChannel.STATUS_UP) {
                throw new AgiHangupException("channel went away during "
                        + segment.prompt().version().templateVersion());
            }
            throw new AgiException("Asterisk could not play " + segment.prompt().playbackName() + " ("
                    + segment.prompt().version().templateVersion() + "): " + failed.getMessage());
        }
    }
}
