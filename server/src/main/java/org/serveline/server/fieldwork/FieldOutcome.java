package org.serveline.server.fieldwork;

import java.util.Optional;

/** What the field agent found at the address; each served kind names the rule its service date follows. */
public enum FieldOutcome {
    /** Handed to the party in person (直接送达). */
    SERVED_TO_PARTY("HANDED_TO_PARTY"),
    /** Handed to an adult family member living with the party (同住成年家属代收). */
    SERVED_TO_FAMILY("HANDED_TO_FAMILY"),
    /** The party refused; the documents were left at the address before a witness and photographed (留置送达). */
    LODGED("LODGED"),
    /** Nobody at the address is the party, or the address does not exist: the channel failed. */
    NOT_FOUND(null);

    private final String serviceDateRule;

    FieldOutcome(String serviceDateRule) {
        this.serviceDateRule = serviceDateRule;
    }

    /** The rule the service date follows, for an outcome that serves the party. */
    public Optional<String> serviceDateRule() {
        return Optional.ofNullable(serviceDateRule);
    }

    public boolean serves() {
        return serviceDateRule != null;
    }
}
