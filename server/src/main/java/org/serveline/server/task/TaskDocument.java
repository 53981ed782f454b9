package org.serveline.server.task;

/** A reference from a task to an uploaded document (by the document's id). */
public record TaskDocument(String documentId) {
}
