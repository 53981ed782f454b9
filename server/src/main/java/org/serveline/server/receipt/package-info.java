/**
 * Receipts (送达回证): one Chinese PDF per served task, issued once after SERVED, or when the consent call's recording
 * it waited for is stored (which served tasks are ready is decided in one read per batch; docs/adr/0023), and by a
 * sweep; stored by its SHA-256 with a RECEIPT_ISSUED audit event, served at {@code GET /api/v1/tasks/{id}/receipt}
 * and verifiable in public at {@code GET /verify/{code}}. See docs/adr/0010.
 */
package org.serveline.server.receipt;
