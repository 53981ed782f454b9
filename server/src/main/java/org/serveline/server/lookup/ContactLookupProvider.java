package org.serveline.server.lookup;

import java.util.List;

/**
 * A source of fresh contact data for a party the phone could not reach: the court's own table of known contacts
 * (shipped), a carrier, a population registry, postal address data. Implementations are Spring beans; every one
 * configured is asked, each within its own rate limit; what it proposes is validated by {@link ContactLookup}, so a
 * provider hands over numbers as its source wrote them.
 */
public interface ContactLookupProvider {

    /** The provider's name: recorded with every query, and the key of its rate limit. */
    String name();

    List<ContactProposal> lookup(PartyQuery party);

    /** Who is sought: the party as the clerk submitted it, with the court and case that ask. */
    record PartyQuery(String court, String caseNumber, String name, String idNumber, List<String> knownNumbers,
            String knownAddress) {

        public PartyQuery {
            knownNumbers = knownNumbers == null ? List.of() : List.copyOf(knownNumbers);
        }
    }

    /** A proposed phone number (as the source has it) and/or postal address, with where it came from. */
    record ContactProposal(String phone, String address, String source) {
    }
}
