package org.serveline.server.operator;

import java.time.Instant;

/**
 * A signed-in operator as the screen shows them: the endpoint and whether it is registered ({@code registration}
 * is Asterisk's word for it, e.g. {@code Reachable}, {@code Removed}, or {@code unknown}; {@code softphone} the same as
 * a code the screens translate), since when it has been in that state.
 */
public record OperatorView(String username, String endpoint, boolean registered, String registration,
        SoftphoneState softphone, String pbxId, Instant registrationSince, Instant signedInAt, Long currentTaskId) {

    public OperatorView(String username, String endpoint, boolean registered, String registration, String pbxId,
            Instant registrationSince, Instant signedInAt, Long currentTaskId) {
        this(username, endpoint, registered, registration, SoftphoneState.of(registration), pbxId, registrationSince,
                signedInAt, currentTaskId);
    }
}
