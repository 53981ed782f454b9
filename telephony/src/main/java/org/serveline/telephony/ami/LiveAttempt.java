package org.serveline.telephony.ami;

import java.util.Optional;

/**
 * A channel alive on the PBX that carries {@code SERVELINE_ATTEMPT_ID}: the raw material of reconciliation after
 * a restart.
 */
public record LiveAttempt(String pbxId, String attemptId, Optional<String> taskId, String channel, String uniqueId,
                          String linkedId, String state, String application, String duration) {
}
