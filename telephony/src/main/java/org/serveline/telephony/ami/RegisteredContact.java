package org.serveline.telephony.ami;

/**
 * One row of a PJSIPShowContacts listing: a contact registered (or statically configured) for a PJSIP endpoint.
 * {@code endpoint} is the endpoint name without its technology ({@code agent100}); {@code status} is Asterisk's
 * text, e.g. {@code Reachable}, {@code Unreachable}, {@code NonQualified}, {@code Unknown}.
 */
public record RegisteredContact(String pbxId, String endpoint, String uri, String status) {

    /** Whether calls to the endpoint can reach this contact (everything but {@code Unreachable}). */
    public boolean isReachable() {
        return !status.equalsIgnoreCase("Unreachable") && !status.equalsIgnoreCase("Removed");
    }
}
