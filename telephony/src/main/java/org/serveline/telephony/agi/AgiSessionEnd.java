package org.serveline.telephony.agi;

import java.net.InetAddress;
import java.time.Duration;

/**
 * How one FastAGI connection ended, for logs and figures.
 *
 * @param peer     the remote address
 * @param script   the script path asked for, empty when no request was read
 * @param uniqueId Asterisk's channel id, empty when no request was read
 * @param ending   the kind of ending
 * @param detail   a human-readable reason
 * @param duration from accept to close
 */
public record AgiSessionEnd(InetAddress peer, String script, String uniqueId, Ending ending, String detail,
        Duration duration) {

    public enum Ending {
        /** The application returned normally. */
        COMPLETED,
        /** The channel hung up ({@code HANGUP} line, 511 reply, connection closed mid-command). */
        HUNG_UP,
        /** The peer is not a configured PBX; closed before reading. */
        REJECTED_PEER,
        /** Nothing, or not a whole agi_ block, arrived within the request timeout. */
        REQUEST_TIMEOUT,
        /** The agi_ block was cut short or malformed. */
        BAD_REQUEST,
        /** No application is registered for the script path. */
        UNKNOWN_SCRIPT,
        /** Asterisk replied something unexpected or nothing in time. */
        PROTOCOL_ERROR,
        /** The application failed, or the connection broke. */
        FAILED,
        /** The server stopped while the session ran. */
        SERVER_STOPPED
    }
}
