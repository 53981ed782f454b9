package org.serveline.telephony.ami;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.serveline.telephony.dialplan.DialplanContract;

/**
 * Watches one link's events and remembers, for each attempt that still has a live channel, when its first channel
 * carrying {@code SERVELINE_ATTEMPT_ID} came up: the moment an operator call's recording starts. Subscribe it to
 * the link ({@link PbxLink#subscribe}); it forgets an attempt when its last known channel hangs up.
 */
public final class AttemptAnswers implements Consumer<AmiEvent> {

    private final Map<String, String> attemptByChannel = new ConcurrentHashMap<>();
    private final Map<String, Integer> channelsByAttempt = new ConcurrentHashMap<>();
    private final Map<String, Instant> answeredAt = new ConcurrentHashMap<>();

    @Override
    public void accept(AmiEvent event) {
        switch (event) {
            case AmiEvent.VarSet set when isAttemptVariable(set.variable()) && !set.value().isBlank() -> {
                String uniqueId = set.channel().uniqueId();
                if (attemptByChannel.putIfAbsent(uniqueId, set.value()) == null) {
                    channelsByAttempt.merge(set.value(), 1, Integer::sum);
                }
                if (set.channel().isUp()) {
                    answeredAt.putIfAbsent(set.value(), set.receivedAt());
                }
            }
            case AmiEvent.Newstate state when state.channel().isUp() -> {
                String attempt = attemptByChannel.get(state.channel().uniqueId());
                if (attempt != null) {
                    answeredAt.putIfAbsent(attempt, state.receivedAt());
                }
            }
            case AmiEvent.Hangup hangup -> forget(hangup.channel().uniqueId());
            default -> { }
        }
    }

    /** When the first channel of a live attempt came up; empty when it has not (or is no longer live). */
    public Optional<Instant> answeredAt(String attemptId) {
        return Optional.ofNullable(answeredAt.get(attemptId));
    }

    /** How many channels are being watched (for leak checks). */
    public int liveChannels() {
        return attemptByChannel.size();
    }

    private void forget(String uniqueId) {
        String attempt = attemptByChannel.remove(uniqueId);
        if (attempt == null) {
            return;
        }
        Integer left = channelsByAttempt.computeIfPresent(attempt, (id, count) -> count <= 1 ? null : count - 1);
        if (left == null) {
            answeredAt.remove(attempt);
        }
    }

    /** {@code __SERVELINE_ATTEMPT_ID} (inherited by dialled channels) is the same variable. */
    private static boolean isAttemptVariable(String name) {
        int start = 0;
        while (start < name.length() && name.charAt(start) == '_') {
            start++;
        }
        return name.substring(start).equals(DialplanContract.ATTEMPT_ID_VARIABLE);
    }
}
