/**
 * The postal channel (法院专递): a task entering POSTAL gets a mailing ({@link org.serveline.server.postal.PostalMailings});
 * its UPU S10 tracking number is typed by staff or answered by the carrier; the {@link
 * org.serveline.server.postal.PostalCarrier} port books, tracks and proves webhooks; {@link
 * org.serveline.server.postal.MailingTracker} polls open mailings with back-off. A signature serves the task
 * (DELIVERED, the signing time as service date); a return fails the channel (REFUSED_POST leads to lodging in person).
 * Every tracking change is an audit event of the task (POSTAL_*). See ADR 0011.
 */
package org.serveline.server.postal;
