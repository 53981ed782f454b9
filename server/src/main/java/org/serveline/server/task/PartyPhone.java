package org.serveline.server.task;

/** One number of the party, E.164-normalised, tried in list order. */
public record PartyPhone(String e164, PhoneStatus status) {

    public enum PhoneStatus {
        UNTRIED, ACTIVE, BAD
    }
}
