/**
 * In-person service (直接送达 / 留置送达): a task entering IN_PERSON gets a field assignment (address, documents),
 * assigned to a field agent by a supervisor or round-robin; the agent uploads photos and videos (sniffed, hashed,
 * stored content-addressed with their EXIF time and GPS) and reports the outcome, which moves the task with its
 * evidence. Every step is an audit event on the task's chain.
 */
package org.serveline.server.fieldwork;
