package org.serveline.server.portal;

/** Staff reissued a party's portal link (new code, unlocked, new expiry): the party must be told the new code. */
public record PortalLinkReissued(IssuedLink link, String actor) {
}
