package org.serveline.telephony.agi;

/** Told how each FastAGI connection ended; called on the session's own thread, so keep it quick. */
@FunctionalInterface
public interface AgiSessionListener {

    AgiSessionListener NONE = end -> { };

    void sessionEnded(AgiSessionEnd end);
}
