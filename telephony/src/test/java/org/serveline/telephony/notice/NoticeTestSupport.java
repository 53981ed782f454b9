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
import org.serveline.telephony.prompt.RenderedNotice;
import org.serveline.telephony.prompt.RenderedPrompt;
import org.serveline.telephony.prompt.RenderedSegment;
import org.serveline.telephony.prompt.ScriptVersion;

/** A FastAGI server running the notice application with fixed prompts, for the notice tests. */
final class NoticeTestSupport implements AutoCloseable {

    static final ScriptVersion NOTICE_VERSION = new ScriptVersion("notice-v2.zh", "a1".repeat(32));
    static final RenderedSegment GREETING = segment("greeting");
    static final RenderedSegment CASE = segment("case");
    static final RenderedSegment QUESTION = segment("question");
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

    /** Greeting, case, then the question. */
    static NoticeScript script(Optional<NoticeScript.MobileStep> mobile) {
        return new NoticeScript(new RenderedNotice(NOTICE_VERSION, List.of(GREETING, CASE), QUESTION), mobile);
    }

    /** The question alone: one STREAM FILE, as in the recorded traces. */
    static NoticeScript questionOnly() {
        return new NoticeScript(new RenderedNotice(NOTICE_VERSION, List.of(), QUESTION), Optional.empty());
    }

    static NoticeScript.MobileStep mobileStep(Optional<String> knownNumber) {
        return new NoticeScript.MobileStep(MOBILE_REQUEST, MOBILE_READBACK, MOBILE_CONFIRM, knownNumber);
    }

    static String play(RenderedPrompt prompt, String escapeDigits) {
        return "STREAM FILE \"" + prompt.playbackName() + "\" \"" + escapeDigits + "\"";
    }

    /** A segment before the question: any key cuts it. */
    static String play(RenderedSegment segment) {
        return play(segment.prompt(), NoticeConversation.NOTICE_KEYS);
    }

    /** The question: 1, 2, 0 and 9 answer it. */
    static String ask() {
        return play(QUESTION.prompt(), "1209");
    }

    private static RenderedSegment segment(String name) {
        return new RenderedSegment(name, prompt(name, new ScriptVersion("notice-v2.zh." + name, name + "-hash")));
    }

    private static RenderedPrompt prompt(String name, ScriptVersion version) {
        return new RenderedPrompt(Path.of("/var/lib/serveline/prompts/" + name + ".wav"), version, name, true);
    }

    @Override
    public void close() {
        server.stop();
    }
}
