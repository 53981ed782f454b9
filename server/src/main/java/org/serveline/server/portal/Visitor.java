package org.serveline.server.portal;

/** Who is at the portal, as far as the request says: recorded with every view, download and failed code. */
public record Visitor(String address, String userAgent) {

    public Visitor {
        address = address == null ? "" : address;
        userAgent = userAgent == null ? "" : userAgent.substring(0, Math.min(userAgent.length(), 300));
    }
}
