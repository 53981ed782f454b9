package org.serveline.telephony.notice;

import java.time.Duration;
import java.util.Optional;
import org.serveline.telephony.dialplan.DialplanContract;
import org.serveline.telephony.prompt.ScriptVersion;

/**
 * How one notice call ended. Every result names the attempt, Asterisk's channel id and the offset into the call
 * recording (which the dialplan starts right before the AGI, so measured from the AGI session's start).
 */
public sealed interface NoticeResult {

    /** The call attempt id ({@code SERVELINE_ATTEMPT_ID}). */
    String attemptId();

    /** Asterisk's Uniqueid of the channel. */
    String uniqueId();

    /** When the deciding event happened, from the start of the recording. */
    Duration offset();

    /** The value the application leaves in {@code SERVELINE_NOTICE_RESULT} for the dialplan. */
    String dialplanCode();

    /**
     * The party pressed 1: consents to electronic service.
     *
     * @param mobileNumber the number confirmed for electronic delivery, when the call collected one
     */
    record ConsentCaptured(String attemptId, String uniqueId, ScriptVersion script, Duration offset, char digit,
            Optional<String> mobileNumber) implements NoticeResult {
        @Override
        public String dialplanCode() {
            return "consent";
        }
    }

    /** The party pressed 2: refuses electronic service. */
    record ConsentRefused(String attemptId, String uniqueId, ScriptVersion script, Duration offset, char digit)
            implements NoticeResult {
        @Override
        public String dialplanCode() {
            return "refused";
        }
    }

    /** The party pressed 0: wants an operator. The dialplan transfers after the AGI returns. */
    record TransferRequested(String attemptId, String uniqueId, ScriptVersion script, Duration offset, char digit)
            implements NoticeResult {
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
            String wrongKeys) implements NoticeResult {
        @Override
        public String dialplanCode() {
            return "noresponse";
        }
    }

    /** The party hung up before answering the question; {@code offset} is when the hang-up was seen. */
    record PartyHungUp(String attemptId, String uniqueId, ScriptVersion script, Duration offset)
            implements NoticeResult {
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
            String reason) implements NoticeResult {
        @Override
        public String dialplanCode() {
            return "failed";
        }
    }
}
