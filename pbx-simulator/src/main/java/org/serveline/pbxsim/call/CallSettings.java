package org.serveline.pbxsim.call;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.serveline.pbxsim.party.PartyBehaviour;

/**
 * What the call engine needs from the simulator's configuration.
 *
 * @param timeScale        real time = PBX time x timeScale (0.01 runs a 4 s call in 40 ms)
 * @param spoolDir         where MixMonitor recordings are written
 * @param dialplan         context name to what it runs
 * @param parties          number to behaviour (never null: unknown numbers get the default behaviour)
 * @param amiChannelVars   manager.conf channelvars: variables appended to every channel block
 * @param promptDuration   how long a prompt (STREAM FILE, GET DATA, Playback) plays, in PBX time
 * @param agiIdleTimeout   real time after which a FastAGI server that sends nothing is hung up on
 * @param globalVariables  global dialplan variables (Setvar without Channel)
 */
public record CallSettings(
        double timeScale,
        Path spoolDir,
        Map<String, DialplanContext> dialplan,
        Function<String, PartyBehaviour> parties,
        List<String> amiChannelVars,
        Duration promptDuration,
        Duration agiIdleTimeout,
        Map<String, String> globalVariables) {

    public static final int SAMPLE_RATE = 8000;

    /** Converts a PBX-time duration into the real nanoseconds to wait. */
    long realNanos(Duration pbxTime) {
        return (long) (pbxTime.toNanos() * timeScale);
    }

    /** Converts real elapsed nanoseconds back into PBX-time nanoseconds. */
    long pbxNanos(long realNanos) {
        return (long) (realNanos / timeScale);
    }
}
