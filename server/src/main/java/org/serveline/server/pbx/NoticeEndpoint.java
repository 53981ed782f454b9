package org.serveline.server.pbx;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.serveline.server.call.PbxGateway;
import org.serveline.server.call.SettleBatches;
import org.serveline.telephony.agi.FastAgiConfig;
import org.serveline.telephony.agi.FastAgiServer;
import org.serveline.telephony.dialplan.DialplanContract;
import org.serveline.telephony.notice.NoticeApplication;
import org.serveline.telephony.notice.NoticeCall;
import org.serveline.telephony.notice.NoticeResultListener;
import org.serveline.telephony.notice.NoticeScript;
import org.serveline.telephony.notice.NoticeSettings;
import org.serveline.telephony.prompt.EspeakNgSynthesizer;
import org.serveline.telephony.prompt.NoticePrompts;
import org.serveline.telephony.prompt.PromptFiles;
import org.serveline.telephony.prompt.PromptRenderer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's FastAGI endpoint: the notice and the keypad consent step, their Mandarin prompts (engine, speed,
 * and the cache's mode and group checked at start-up), and the URL the PBX is told to call back.
 */
final class NoticeEndpoint implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NoticeEndpoint.class);

    private final FastAgiServer server;
    private final URI url;
    private final NoticePrompts prompts;
    private final TaskNoticeScripts scripts;
    private final Cache<String, NoticeScript> prepared;

    private NoticeEndpoint(FastAgiServer server, URI url, NoticePrompts prompts, TaskNoticeScripts scripts,
            Cache<String, NoticeScript> prepared) {
        this.server = server;
        this.url = url;
        this.prompts = prompts;
        this.scripts = scripts;
        this.prepared = prepared;
    }

    static NoticeEndpoint start(TelephonyProperties properties, List<TelephonyProperties.Pbx> pbxs,
            TaskNoticeScripts scripts, SettleBatches attempts) {
        TelephonyProperties.Prompts settings = properties.prompts();
        PromptRenderer renderer = new PromptRenderer(new EspeakNgSynthesizer("espeak-ng", "ffmpeg",
                settings.voice(), settings.speed(), Duration.ofSeconds(60)), settings.cacheDir(),
                Runtime.getRuntime().availableProcessors(), PromptFiles.of(settings.fileMode(), settings.group()));
        renderer.check();
        NoticePrompts prompts = NoticePrompts.mandarin(renderer);
        NoticeResultListener heard = result -> attempts.offer(NoticeResults.noticeHeard(result));
        // the script prepared when the call was placed, read once more only if it is gone (another node placed
        // the call, or it waited past the expiry)
        Cache<String, NoticeScript> prepared = Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(10))
                .maximumSize(50_000).build();
        NoticeApplication notice = new NoticeApplication(call -> Optional.ofNullable(
                        prepared.asMap().remove(call.attemptId())).orElseGet(() -> scripts.scriptFor(call, prompts)),
                NoticeSettings.defaults(), heard);
        NoticeApplication consent = new NoticeApplication(
                call -> scripts.consentStep(prompts), NoticeSettings.defaults(), heard);
        TelephonyProperties.Agi agi = properties.agi();
        int port = agi.port() == 0 ? FreePort.find(agi.bindAddress()) : agi.port();
        URI url = agi.advertisedUrl() != null ? agi.advertisedUrl()
                : URI.create("agi://" + agi.bindAddress() + ":" + port);
        FastAgiConfig config = new FastAgiConfig(address(agi.bindAddress()), port, url, allowedPeers(agi, pbxs),
                Duration.ofSeconds(10), Duration.ofMinutes(3));
        FastAgiServer server = new FastAgiServer(config, Map.of(DialplanContract.NOTICE_AGI_PATH, notice,
                DialplanContract.CONSENT_AGI_PATH, consent));
        server.start();
        log.info("FastAGI listening on {}:{}, advertised as {}", agi.bindAddress(), server.port(), url);
        return new NoticeEndpoint(server, url, prompts, scripts, prepared);
    }

    URI url() {
        return url;
    }

    /** FastAGI sessions (notice or consent step) whose connection is open right now. */
    int activeSessions() {
        return server.activeSessions();
    }

    /**
     * Prepares the task's notice (rendered, or found in the prompt cache) while the PBX dials, so a party who
     * answers never waits on the speech engine or the database.
     */
    void prerender(PbxGateway.OutboundCall call) {
        try {
            prepared.put(call.attemptId(), scripts.scriptFor(call, prompts));
        } catch (RuntimeException e) {
            // the message, not the exception: on Ctrl-C the speech engine's child process gets the signal too, and
            // the way down logs no exception (the notice is then rendered when the party answers, if ever)
            log.warn("could not render the notice for attempt {} ahead of the call: {}", call.attemptId(),
                    e.getMessage());
        }
    }

    @Override
    public void close() {
        server.stop();
    }

    private static Set<InetAddress> allowedPeers(TelephonyProperties.Agi agi, List<TelephonyProperties.Pbx> pbxs) {
        List<String> hosts = agi.allowedPeers().isEmpty() ? pbxs.stream().map(TelephonyProperties.Pbx::host).toList()
                : agi.allowedPeers();
        return hosts.stream().map(NoticeEndpoint::address).collect(Collectors.toSet());
    }

    private static InetAddress address(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("unknown host in serveline.telephony: " + host, e);
        }
    }
}
