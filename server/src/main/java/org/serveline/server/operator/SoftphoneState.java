package org.serveline.server.operator;

import java.util.Locale;
import java.util.Map;

/**
 * A softphone's state as a code the screens translate, from Asterisk's own word for it: a device state of
 * DeviceStateList ({@code Not in use}, {@code In use}, {@code Busy}, {@code Invalid}, {@code Unavailable},
 * {@code Ringing}, {@code Ring+Inuse}, {@code On Hold}, {@code Unknown}, as {@code core show hints} words them, or the
 * raw {@code NOT_INUSE} ... of a DeviceStateChange) or a contact status of ContactStatus ({@code Reachable},
 * {@code Unreachable}, {@code NonQualified}, {@code Removed}, {@code Created}, {@code Updated}); {@link #NOT_LISTED}
 * when a PBX stopped listing it, {@link #UNKNOWN} when nothing is known or the word is new.
 */
public enum SoftphoneState {
    NOT_INUSE, INUSE, BUSY, INVALID, UNAVAILABLE, RINGING, RINGINUSE, ONHOLD, REACHABLE, UNREACHABLE, NON_QUALIFIED,
    REMOVED, NOT_LISTED, UNKNOWN;

    private static final Map<String, SoftphoneState> WORDS = Map.ofEntries(
            Map.entry("not in use", NOT_INUSE), Map.entry("not_inuse", NOT_INUSE),
            Map.entry("in use", INUSE), Map.entry("inuse", INUSE),
            Map.entry("busy", BUSY), Map.entry("invalid", INVALID), Map.entry("unavailable", UNAVAILABLE),
            Map.entry("ringing", RINGING), Map.entry("ring+inuse", RINGINUSE), Map.entry("ringinuse", RINGINUSE),
            Map.entry("on hold", ONHOLD), Map.entry("onhold", ONHOLD),
            Map.entry("reachable", REACHABLE), Map.entry("created", REACHABLE), Map.entry("updated", REACHABLE),
            Map.entry("unreachable", UNREACHABLE), Map.entry("nonqualified", NON_QUALIFIED),
            Map.entry("removed", REMOVED), Map.entry("not listed", NOT_LISTED), Map.entry("unknown", UNKNOWN));

    /** The code of Asterisk's word (any case); {@link #UNKNOWN} for none or a word this table does not know. */
    public static SoftphoneState of(String word) {
        return word == null ? UNKNOWN : WORDS.getOrDefault(word.strip().toLowerCase(Locale.ROOT), UNKNOWN);
    }
}
