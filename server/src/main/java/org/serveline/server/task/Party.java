package org.serveline.server.task;

/** The person or body to be served, as the clerk submitted them. Phone numbers live on the task. */
public record Party(PartyRole role, String name, String idNumber, String email, String address, String timeZone) {
}
