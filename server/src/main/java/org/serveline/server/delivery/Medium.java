package org.serveline.server.delivery;

/** How a message reaches the party: a text to the mobile number, or an e-mail. */
public enum Medium {
    SMS, EMAIL;

    /** An address with an @ is an e-mail address; anything else is a mobile number in E.164. */
    public static Medium of(String address) {
        return address.contains("@") ? EMAIL : SMS;
    }
}
