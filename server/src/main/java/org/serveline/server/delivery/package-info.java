/**
 * Electronic service: when a task enters ELECTRONIC, its message (portal link and code) is written to an outbox in
 * the same transaction and sent after commit over SMPP (jSMPP) or SMTP by whichever node claims it; the SMSC's
 * DELIVRD receipt or the mail server's acceptance is the service date and moves the task DELIVERED → SERVED, a
 * failure tries the party's other electronic address, then the court's next channel. See ADR 0009.
 */
package org.serveline.server.delivery;
