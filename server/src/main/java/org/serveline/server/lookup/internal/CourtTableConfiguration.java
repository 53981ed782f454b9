package org.serveline.server.lookup.internal;

import org.serveline.server.audit.AuditTrail;
import org.serveline.server.intake.IntakeProperties;
import org.serveline.server.intake.PhoneNumbers;
import org.serveline.server.lookup.ContactLookupProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The court's contact table, and its provider when {@code serveline.lookup.court-table.enabled} (the default). */
@Configuration(proxyBeanMethods = false)
public class CourtTableConfiguration {

    @Bean
    CourtContacts courtContacts(JdbcClient jdbc, AuditTrail audit, IntakeProperties intake) {
        return new CourtContacts(jdbc, audit, new PhoneNumbers(intake.defaultRegion()));
    }

    @Bean
    @ConditionalOnProperty(prefix = "serveline.lookup.court-table", name = "enabled", havingValue = "true",
            matchIfMissing = true)
    ContactLookupProvider courtTableProvider(CourtContacts contacts) {
        return new CourtTableProvider(contacts);
    }
}
