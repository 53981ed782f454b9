package org.serveline.telephony.agi;

/** One FastAGI script, reached by its path ({@code agi://host:port/<path>?...}). Runs on its own virtual thread. */
@FunctionalInterface
public interface AgiApplication {

    /**
     * Drives the channel until the script is done. May throw {@link AgiHangupException} when the party hangs up
     * and {@link AgiProtocolException} on an unexpected reply; the server records either and closes the session.
     */
    void run(AgiSession session);
}
