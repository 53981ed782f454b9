package org.serveline.server.lookup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import org.serveline.server.lookup.internal.CourtContacts;
import org.serveline.server.security.CurrentActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The court's own table of known contacts: the CSV import (each import audited) and the seed loaded at start into
 * an empty table (the demo's known contacts). The provider that answers from it is set up in
 * {@code internal/CourtTableConfiguration}.
 */
@Service
public class KnownContacts {

    private static final Logger log = LoggerFactory.getLogger(KnownContacts.class);

    private final CourtContacts contacts;
    private final LookupProperties properties;
    private final Clock clock;
    private final KnownContacts self;

    KnownContacts(CourtContacts contacts, LookupProperties properties, Clock clock, @Lazy KnownContacts self) {
        this.contacts = contacts;
        this.properties = properties;
        this.clock = clock;
        this.self = self;
    }

    /** What an import did: lines read, new contacts, lines already known. */
    public record ImportReport(int lines, int imported, int duplicates) {
    }

    /** Imports a CSV file (header {@code court,party_name,id_number,phone,address,source_case}): all or nothing. */
    @Transactional
    public ImportReport importCsv(String csv, String actor) {
        CourtContacts.Imported done = contacts.importCsv(csv, actor, clock.instant().truncatedTo(ChronoUnit.MICROS));
        return new ImportReport(done.lines(), done.imported(), done.duplicates());
    }

    /** Loads the seed file into an empty table; a seed that cannot be read or imported is logged, not fatal. */
    @EventListener(ApplicationReadyEvent.class)
    public void seed() {
        Resource seed = properties.courtTable().seed();
        if (seed == null || !contacts.empty()) {
            return;
        }
        try (InputStream in = seed.getInputStream()) {
            ImportReport report = self.importCsv(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    CurrentActor.SYSTEM);
            log.info("Known contacts: {} imported from {}", report.imported(), seed.getDescription());
        } catch (IOException | RuntimeException e) {
            log.warn("the known contacts at {} were not imported: {}", seed.getDescription(), e.toString());
        }
    }
}
