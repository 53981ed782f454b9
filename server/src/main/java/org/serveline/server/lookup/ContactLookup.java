package org.serveline.server.lookup;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Asks every configured provider; a provider that fails is logged and skipped, never fatal to the task. */
@Service
public class ContactLookup {

    private static final Logger log = LoggerFactory.getLogger(ContactLookup.class);

    private final List<ContactLookupProvider> providers;

    ContactLookup(List<ContactLookupProvider> providers) {
        this.providers = List.copyOf(providers);
    }

    public boolean configured() {
        return !providers.isEmpty();
    }

    public List<ContactLookupProvider.ContactProposal> lookup(ContactLookupProvider.PartyQuery party) {
        List<ContactLookupProvider.ContactProposal> proposals = new ArrayList<>();
        for (ContactLookupProvider provider : providers) {
            try {
                proposals.addAll(provider.lookup(party));
            } catch (RuntimeException e) {
                log.warn("contact lookup provider {} failed: {}", provider.name(), e.toString());
            }
        }
        return proposals;
    }
}
