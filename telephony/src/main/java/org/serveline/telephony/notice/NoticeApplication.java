package org.serveline.telephony.notice;

import java.util.List;
import java.util.Optional;
import org.serveline.telephony.agi.AgiApplication;
import org.serveline.telephony.agi.AgiChannel;
import org.serveline.telephony.agi.AgiException;
import org.serveline.telephony.agi.AgiSession;
import org.serveline.telephony.dialplan.DialplanContract;
import org.serveline.telephony.notice.NoticeResult.NoticeFailed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FastAGI notice application ({@code agi://host:port/notice?attempt=...}): plays the party's notice, reads the
 * consent key, optionally confirms a mobile number, reports one {@link NoticeResult} to the listener and leaves its
 * code in {@code SERVELINE_NOTICE_RESULT} for the dialplan. Registered under the {@code consent} path with a
 * question-only script, it is also the consent step an operator redirects a party to.
 */
public final class NoticeApplication implements AgiApplication {

    private static final Logger log = LoggerFactory.getLogger(NoticeApplication.class);

    private final NoticeScriptSource scripts;
    private final NoticeSettings settings;
    private final NoticeResultListener listener;

    public NoticeApplication(NoticeScriptSource scripts, NoticeSettings settings, NoticeResultListener listener) {
        this.scripts = scripts;
        this.settings = settings;
        this.listener = listener;
    }

    @Override
    public void run(AgiSession session) {
        String uniqueId = session.request().uniqueId();
        Optional<String> attemptId = session.attemptId();
        if (attemptId.isEmpty()) {
            log.error("notice session {} on {} carries no attempt id (URL parameter '{}' or channel variable {}); "
                            + "nothing played", uniqueId, session.request().channel(),
                    DialplanContract.ATTEMPT_PARAMETER, DialplanContract.ATTEMPT_ID_VARIABLE);
            setResultVariable(session.channel(), "failed");
            return;
        }
        NoticeCall call = new NoticeCall(attemptId.get(), session.taskId(), uniqueId);
        NoticeResult result = converse(session, call);
        log.info("notice for attempt {} on {}: {}", call.attemptId(), uniqueId, result);
        report(result);
        setResultVariable(session.channel(), result.dialplanCode());
    }

    private NoticeResult converse(AgiSession session, NoticeCall call) {
        NoticeScript script;
        try {
            script = scripts.scriptFor(call);
        } catch (RuntimeException noScript) {
            log.error("no notice script for attempt {}", call.attemptId(), noScript);
            return new NoticeFailed(call.attemptId(), call.uniqueId(), Optional.empty(), session.elapsed(),
                    "no script: " + noScript.getMessage(), List.of());
        }
        return new NoticeConversation(session, call, script, settings).run();
    }

    private void report(NoticeResult result) {
        try {
            listener.noticeCompleted(result);
        } catch (RuntimeException listenerFailure) {
            log.error("notice result listener failed on {}", result, listenerFailure);
        }
    }

    private static void setResultVariable(AgiChannel channel, String code) {
        try {
            channel.setVariable(DialplanContract.NOTICE_RESULT_VARIABLE, code);
        } catch (AgiException channelGone) {
            log.debug("could not set {}: {}", DialplanContract.NOTICE_RESULT_VARIABLE, channelGone.getMessage());
        }
    }
}
