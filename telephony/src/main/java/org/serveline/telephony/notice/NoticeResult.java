package org.serveline.telephony.notice;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.serveline.telephony.dialplan.DialplanContract;
import org.serveline.telephony.prompt.NoticeTemplate;
import org.serveline.telephony.prompt.ScriptVersion;

/**
 * How one notice call ended. Every result names the attempt, Asterisk's channel id, the offset into the call
 * recording (which the dialplan starts right before the AGI, so measured from the AGI session's start) and what was
 * played until then, segment by segment. A key counts as an answer only once the question has started: a key
 * during the earlier segments only skips to the question, so {@link #played()} of a consent always ends with the
 * question.
 */
public sealed interface NoticeResult {

    /** The call attempt id ({@code SERVELINE_ATTEMPT_ID}). */
    String attemptId();

    /** Asterisk's Uniqueid of the channel. */
    String uniqueId();

    /**
     * When the deciding event happened, from the start of the recording: the answering key (consent, refusal,
     * operator), the party's hang-up, the last unanswered wait, or the failure.
     */
    Duration offset();

    /** Every segment played before the result, in order, with how much of it was heard. */
    List<PlayedSegment> played();

    /** When the question was last started before the result, if it was. */
    default Optional<Duration> questionStartedAt() {
        return played().reversed().stream().filter(p -> p.segment().equals(NoticeTemplate.QUESTION))
                .map(PlayedSegment::startedAt).findFirst();
    }

    /** The value the application leaves in {@code SERVELINE_NOTICE_RESULT} for the dialplan. */
    String dialplanCode();

    /**
     * The party pressed 1 once the question had started: consents to electronic service.
     *
     * @param mobileNumber the number confirmed for electronic delivery, when the call collected one
     */
    record ConsentCaptured(String attemptId, String uniqueId, ScriptVersion script, Duration offset, char digit,
            Optional<String> mobileNumber, List<PlayedSegment> played) implements NoticeResult {
        @Override
        public String dialplanCode() {
            return "consent";
        }
    }

    /** The party pressed 2 once the question had started: refuses electronic service. */
    record ConsentRefused(String attemptId, String uniqueId, ScriptVersion script, Duration offset, char digit,
            List<PlayedSegment> played) implements NoticeResult {
        @Override
        public String dialplanCode() {
            return "refused";
        }
    }

    /** The party pressed 0: wants an operator. The dialplan transfers after the AGI returns. */
    record TransferRequested(String attemptId, String uniqueId, ScriptVersion script, Duration offset, char digit,
            List<PlayedSegment> played) implements NoticeResult {
        @Override
        public String dialplanCode() {
            return DialplanContract.NOTICE_RESULT_TRANSFER;
        }
    }

    /**
     * No valid key after every round of the question.
     *
     * @param rounds    how many times the party was asked
     * @param wrongKeys the keys pressed that meant nothing, in order
     */
    record NoResponse(String attemptId, String uniqueId, ScriptVersion script, Duration offset, int rounds,
            String wrongKeys, List<PlayedSegment> played) implements NoticeResult {
        @Override
        public String dialplanCode() {
            return "noresponse";
        }
    }

    /** The party hung up before answering the question; {@code offset} is when the hang-up was seen. */
    record PartyHungUp(String attemptId, String uniqueId, ScriptVersion script, Duration offset,
            List<PlayedSegment> played) implements NoticeResult {
        @Override
        public String dialplanCode() {
            return "hangup";
        }
    }

    /**
     * The notice could not be given: no script for the attempt, a prompt Asterisk cannot play, an unexpected reply.
     *
     * @param script the script, when it was known
     */
    record NoticeFailed(String attemptId, String uniqueId, Optional<ScriptVersion> script, Duration offset,
            String reason, List<PlayedSegment> played) implements NoticeResult {
        @Override
        public String dialplanCode() {
            return "failed";
        }
    }
}
