package org.serveline.telephony.ami;

import java.util.Locale;
import java.util.Set;

/**
 * Whether a PJSIP endpoint can be reached, as a PBX reports it. {@code endpoint} is the endpoint name without its
 * technology ({@code agent100}); {@code status} is Asterisk's word for it: a device state from DeviceStateList
 * ({@code Not in use}, {@code In use}, {@code Unavailable}, ... as {@code core show hints} words them) or a contact
 * status ({@code Reachable},
 * {@code Unreachable}, {@code NonQualified}, {@code Removed}); {@code uri} is the contact's SIP URI when known, else
 * empty.
 */
public record RegisteredContact(String pbxId, String endpoint, String uri, String status) {

    private static final Set<String> UNREACHABLE = Set.of("unreachable", "removed",
            "unavailable", "invalid", "unknown");

    /**
     * Whether calls to the endpoint can reach it: everything but {@code Unreachable}/{@code Removed} contacts and the
     * {@code Unavailable}, {@code Invalid} and {@code Unknown} device states.
     */
    public boolean isReachable() {
        return !UNREACHABLE.contains(status.toLowerCase(Locale.ROOT));
    }
}
