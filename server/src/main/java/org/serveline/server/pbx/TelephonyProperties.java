package org.serveline.server.pbx;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The PBXs this node dials through and its FastAGI endpoint ({@code serveline.telephony}); documented in
 * {@code config/application-sample.yml}. With no PBX configured the phone channel places no calls.
 */
@ConfigurationProperties("serveline.telephony")
public record TelephonyProperties(List<Pbx> pbxs, Agi agi, Prompts prompts, String defaultRegion,
        Duration earlyHangupWindow) {

    public TelephonyProperties {
        pbxs = pbxs == null ? List.of() : List.copyOf(pbxs);
        agi = agi == null ? new Agi(null, 0, null, null) : agi;
        prompts = prompts == null ? new Prompts(null, null, null, null, null) : prompts;
        defaultRegion = defaultRegion == null ? "CN" : defaultRegion;
        earlyHangupWindow = earlyHangupWindow == null ? Duration.ofSeconds(3) : earlyHangupWindow;
    }

    /**
     * One Asterisk: its AMI login, its trunks, and optionally a limit on its calls over all trunks
     * ({@code max-channels}, for the PBX's own capacity: CPU, licences); 0 means only the trunks' limits count.
     */
    public record Pbx(String id, String host, int port, String username, String secret, List<Trunk> trunks,
            int maxChannels) {

        public Pbx {
            port = port == 0 ? 5038 : port;
            trunks = trunks == null ? List.of() : List.copyOf(trunks);
            if (maxChannels < 0) {
                throw new IllegalArgumentException("serveline.telephony.pbxs[" + id + "].max-channels must be 0 "
                        + "(no limit of its own) or positive, was " + maxChannels);
            }
        }
    }

    /**
     * A trunk: the dial string template ({@code PJSIP/{number}@trunk}, {@code Local/{number}@context}), the form
     * the number takes in it, an optional prefix, the channel and calls-per-second limits, the caller id.
     */
    public record Trunk(String name, String dialString, NumberFormat numberFormat, String prefix, int maxChannels,
            double callsPerSecond, String callerId) {

        public Trunk {
            numberFormat = numberFormat == null ? NumberFormat.NATIONAL : numberFormat;
            prefix = prefix == null ? "" : prefix;
            maxChannels = maxChannels <= 0 ? 30 : maxChannels;
            callsPerSecond = callsPerSecond <= 0 ? 5 : callsPerSecond;
            callerId = callerId == null ? "" : callerId;
        }
    }

    /** How a number is written in a dial string. */
    public enum NumberFormat {
        /** +8613800138000 */
        E164,
        /** 8613800138000 */
        INTERNATIONAL_DIGITS,
        /** 13800138000 (the national significant number) */
        NATIONAL
    }

    /**
     * This node's FastAGI server: where it listens, the URL the PBX is told to call back (defaults to
     * agi://bind-address:port), and which PBX addresses may connect (defaults to the configured PBX hosts).
     */
    public record Agi(String bindAddress, int port, URI advertisedUrl, List<String> allowedPeers) {

        public Agi {
            bindAddress = bindAddress == null ? "127.0.0.1" : bindAddress;
            allowedPeers = allowedPeers == null ? List.of() : List.copyOf(allowedPeers);
        }
    }

    /**
     * Where rendered notices are cached (Asterisk must read the same path), the espeak-ng voice and speed (words per
     * minute), and who may read the cache: every rendered file gets {@code file-mode} (default {@code rw-r--r--})
     * and, when set, {@code group} (e.g. {@code asterisk}), so a PBX running as its own user can play them.
     */
    public record Prompts(Path cacheDir, String voice, Integer speed, String fileMode, String group) {

        public Prompts {
            cacheDir = cacheDir == null ? Path.of(System.getProperty("java.io.tmpdir"), "serveline", "prompts") : cacheDir;
            voice = voice == null ? "cmn" : voice;
            speed = speed == null ? 200 : speed;
            fileMode = fileMode == null ? "rw-r--r--" : fileMode;
        }
    }
}
