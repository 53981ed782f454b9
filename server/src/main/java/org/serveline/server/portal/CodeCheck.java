package org.serveline.server.portal;

/** What a code entered on the portal led to. */
public sealed interface CodeCheck {

    /** The right code: the party may see the documents. */
    record Accepted(PortalLink link) implements CodeCheck {
    }

    /** A wrong code; {@code triesLeft} more before the link locks. */
    record Wrong(int triesLeft) implements CodeCheck {
    }

    /** The link is locked (too many wrong codes): staff must reissue it. */
    record Locked() implements CodeCheck {
    }

    /** No such link, or it expired or was replaced: the same answer for each, so nothing is revealed. */
    record Unknown() implements CodeCheck {
    }
}
