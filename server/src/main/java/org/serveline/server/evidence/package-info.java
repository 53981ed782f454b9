/**
 * One evidence page per task ({@code GET /api/v1/tasks/{id}/evidence}): submission, review decisions, each call attempt
 * with its recording's SHA-256, the consent, the delivery, the receipt and the verification of the task's audit chain,
 * read in one request from what the other features stored. Reads only; it writes nothing.
 */
package org.serveline.server.evidence;
