/**
 * Public notice (公告送达): a task entering PUBLIC_NOTICE gets a notice from the template, shown on the open page
 * {@code /notices} and sent to an outside bulletin through {@link org.serveline.server.publicnotice.NoticePublisher}
 * (outbox, after commit). Its period (task, court or default; days counted in the court's time zone) elapses by a
 * scheduled sweep and the task is SERVED (NOTICE_ELAPSED). Audit events PUBLIC_NOTICE_*. See ADR 0011.
 */
package org.serveline.server.publicnotice;
