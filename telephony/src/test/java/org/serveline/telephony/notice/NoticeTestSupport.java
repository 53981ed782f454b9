package org.serveline.telephony.notice;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.serveline.telephony.agi.FastAgiConfig;
import org.serveline.telephony.agi.FastAgiServer;
import org.serveline.telephony.agi.MutableClock;
import org.serveline.telephony.agi.RecordingSessionListener;
import org.serveline.telephony.dialplan.DialplanContract;
import org.serveline.telephony.prompt.RenderedPrompt;
import org.serveline.telephony.prompt.ScriptVersion;

/** A FastAGI server running the notice application with fixed prompts, for the notice tests. */
final class NoticeTestSupport implements AutoCloseable {

    static final ScriptVersion NOTICE_VERSION = new ScriptVersion("notice-v1.zh", "a1".repeat(32));
    static final RenderedPrompt NOTICE = prompt("notice", NOTICE_VERSION);
    static final RenderedPrompt QUESTION = prompt("question", new ScriptVersion("consent-question-v1.zh", "b2"));
    static final RenderedPrompt MOBILE_REQUEST = prompt("mobile-request", new ScriptVersion("mobile-request-v1.zh", "c3"));
    static final RenderedPrompt MOBILE_READBACK = prompt("mobile-readback", new ScriptVersion("mobile-readback-v1.zh", "d4"));
    static final RenderedPrompt MOBILE_CONFIRM = prompt("mobile-confirm", new ScriptVersion("mobile-confirm-v1.zh", "e5"));

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    final List<NoticeResult> results = new CopyOnWriteArrayList<>();
    final List<NoticeCall> calls = new CopyOnWriteArrayList<>();
    final RecordingSessionListener sessions = new RecordingSessionListener();
    final FastAgiServer server;

    NoticeTestSupport(NoticeScriptSource scripts, NoticeSettings settings) {
        NoticeScriptSource recorded = call -> {
            calls.add(call);
            return scripts.scriptFor(call);
        };
        NoticeApplication notice = new NoticeApplication(recorded, settings, results::add);
        FastAgiConfig config = new FastAgiConfig(InetAddress.getLoopbackAddress(), 0,
                URI.create("agi://127.0.0.1:4573"), Set.of(InetAddress.getLoopbackAddress()),
                Duration.ofSeconds(2), Duration.ofSeconds(5));
        server = new FastAgiServer(config, Map.of(DialplanContract.NOTICE_AGI_PATH, notice), sessions, clock);
        server.start();
    }

    static NoticeScript script(Optional<NoticeScript.MobileStep> mobile) {
        return new NoticeScript(NOTICE, QUESTION, mobile);
    }

    static NoticeScript.MobileStep mobileStep(Optional<String> knownNumber) {
        return new NoticeScript.MobileStep(MOBILE_REQUEST, MOBILE_READBACK, MOBILE_CONFIRM, knownNumber);
    }

    static String play(RenderedPrompt prompt, String escapeDigits) {
        return "STREAM FILE \"" + prompt.playbackName() + "\" \"" + escapeDigits + "\"";
    }

    private static RenderedPrompt prompt(String name, ScriptVersion version) {
        return new RenderedPrompt(Path.of("/var/lib/serveline/prompts/" + name + ".wav"), version, name, true);
    }

    @Override
    public void close() {
        server.stop();
    }
}
