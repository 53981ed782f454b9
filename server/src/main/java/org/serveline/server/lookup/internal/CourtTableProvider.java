package org.serveline.server.lookup.internal;

import java.util.List;
import org.serveline.server.lookup.ContactLookupProvider;

/** The provider backed by the court's own table of known contacts ({@code serveline.lookup.court-table}). */
public final class CourtTableProvider implements ContactLookupProvider {

    public static final String NAME = "court-table";

    private final CourtContacts contacts;

    public CourtTableProvider(CourtContacts contacts) {
        this.contacts = contacts;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<ContactProposal> lookup(PartyQuery party) {
        return contacts.find(party);
    }
}
