package org.serveline.server.pbx;

import java.time.Duration;
import java.util.List;
import org.serveline.server.call.CallOutcome;
import org.serveline.server.call.NoticeHeard;
import org.serveline.telephony.notice.NoticeResult;
import org.serveline.telephony.notice.PlayedSegment;
import org.serveline.telephony.prompt.ScriptVersion;

/** Translates the telephony module's records into the server's call events: one place, one table each. */
final class NoticeResults {

    private NoticeResults() {
    }

    /**
     * The notice's result as the attempt stores it: the offset of the answering key as {@code decisionOffset}, of a
     * hang-up as {@code hangupOffset}, never one for the other; when the notice ended, when the question last
     * started and what was played, for every result.
     */
    static NoticeHeard noticeHeard(NoticeResult result) {
        return switch (result) {
            case NoticeResult.ConsentCaptured c -> heard(c, CallOutcome.CONSENTED, c.digit(), version(c.script()),
                    c.mobileNumber().orElse(null), null);
            case NoticeResult.ConsentRefused r -> heard(r, CallOutcome.REFUSED, r.digit(), version(r.script()), null,
                    null);
            case NoticeResult.TransferRequested t -> heard(t, CallOutcome.TRANSFERRED, t.digit(), version(t.script()),
                    null, null);
            case NoticeResult.NoResponse n -> heard(n, CallOutcome.NO_RESPONSE, null, version(n.script()), null,
                    n.rounds() + " round(s) without a valid key; wrong keys: '" + n.wrongKeys() + "'");
            case NoticeResult.PartyHungUp h -> heard(h, CallOutcome.HUNG_UP_EARLY, null, version(h.script()), null,
                    "the party hung up during the notice");
            case NoticeResult.NoticeFailed f -> heard(f, CallOutcome.FAILED, null,
                    f.script().map(NoticeResults::version).orElse(null), null, f.reason());
        };
    }

    private static NoticeHeard heard(NoticeResult result, CallOutcome outcome, Character digit, String script,
            String mobile, String detail) {
        Duration decision = digit == null ? null : result.offset();
        Duration hangup = result instanceof NoticeResult.PartyHungUp ? result.offset() : null;
        List<String> played = result.played().stream().map(PlayedSegment::toString).toList();
        return new NoticeHeard(result.attemptId(), outcome, digit == null ? null : digit.toString(), decision, hangup,
                result.offset(), result.questionStartedAt().orElse(null), played, script,
                mobile == null ? null : "+86" + mobile, detail);
    }

    static String version(ScriptVersion version) {
        return version.templateVersion() + "@" + version.contentHash();
    }
}
