package org.serveline.server.lookup;

import java.util.List;

/**
 * A source of fresh contact data for a party who cannot be reached (a carrier, a population registry, postal
 * address data). Implementations are Spring beans; every one configured is asked.
 */
public interface ContactLookupProvider {

    String name();

    List<ContactProposal> lookup(PartyQuery party);

    /** Who is sought. */
    record PartyQuery(String name, String idNumber, List<String> knownNumbers, String knownAddress) {
    }

    /** A proposed phone number (E.164) or postal address, with where it came from. */
    record ContactProposal(String phoneE164, String address, String source) {
    }
}
