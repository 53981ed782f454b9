package org.serveline.server.lookup;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.serveline.server.audit.AuditRecord;
import org.serveline.server.audit.AuditTrail;
import org.serveline.server.intake.IntakeProperties;
import org.serveline.server.intake.PhoneNumbers;
import org.serveline.server.lookup.internal.QueryRows;
import org.serveline.server.task.PartyPhone;
import org.serveline.server.task.ServiceChannel;
import org.serveline.server.task.ServiceTask;
import org.serveline.server.task.ServiceTasks;
import org.serveline.server.task.TaskId;
import org.serveline.server.task.TaskState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Looks up a party the phone could not reach: asks every configured provider within its rate limit; records each
 * query (provider, purpose, case, who asked, what came back) and audits it (LOOKUP_QUERIED); validates the numbers
 * found (libphonenumber), hands the valid new ones back to the phone channel as UNTRIED and records and drops the
 * invalid ones; records each address found (LOOKUP_ADDRESS_FOUND) and publishes it as {@link PartyAddressFound}.
 * A provider that fails is recorded and skipped, never fatal to the task.
 */
@Service
public class ContactLookup {

    private static final Logger log = LoggerFactory.getLogger(ContactLookup.class);
    static final String EXHAUSTED_PURPOSE = "电话号码均已无法接通，查找当事人新的联系方式";

    private final List<ContactLookupProvider> providers;
    private final ServiceTasks tasks;
    private final QueryRows rows;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final LookupProperties properties;
    private final PhoneNumbers phoneNumbers;
    private final Clock clock;

    ContactLookup(List<ContactLookupProvider> providers, ServiceTasks tasks, JdbcClient jdbc, AuditTrail audit,
            ApplicationEventPublisher events, LookupProperties properties, IntakeProperties intake, Clock clock) {
        this.providers = List.copyOf(providers);
        this.tasks = tasks;
        this.rows = new QueryRows(jdbc);
        this.audit = audit;
        this.events = events;
        this.properties = properties;
        this.phoneNumbers = new PhoneNumbers(intake.defaultRegion());
        this.clock = clock;
    }

    public boolean configured() {
        return !providers.isEmpty();
    }

    /** For the dialer, which found every number of a task on the phone channel exhausted. */
    @Transactional
    public LookupResult lookupExhausted(ServiceTask task, String actor) {
        if (task.state() != TaskState.PHONE) {
            throw new LookupRefusedException("task " + task.id() + " is not on the phone channel");
        }
        return ask(task, EXHAUSTED_PURPOSE, actor);
    }

    /**
     * Asked by a person, with the purpose: only for a party the phone could not reach (the task's phone channel
     * failed and it is on a later channel); refused otherwise.
     */
    @Transactional
    public LookupResult lookup(TaskId id, String purpose, String actor) {
        ServiceTask task = tasks.get(id);
        unreachableByPhone(task).ifPresent(why -> {
            throw new LookupRefusedException("contact lookup is only for parties the phone could not reach: " + why);
        });
        return ask(task, purpose, actor);
    }

    /** Why the phone has not failed to reach the task's party, or empty when it has. */
    static Optional<String> unreachableByPhone(ServiceTask task) {
        List<ServiceChannel> chain = task.channelChain();
        int phone = chain.indexOf(ServiceChannel.PHONE);
        if (phone < 0) {
            return Optional.of("the task's channels " + chain + " do not include the phone");
        }
        if (task.state().isTerminal()) {
            return Optional.of("the task is " + task.state());
        }
        Optional<ServiceChannel> current = task.currentChannel();
        if (current.isEmpty() || current.get() == ServiceChannel.ELECTRONIC || chain.indexOf(current.get()) <= phone) {
            return Optional.of("the task is " + task.state() + " and its phone channel has not failed");
        }
        return Optional.empty();
    }

    private LookupResult ask(ServiceTask task, String purpose, String actor) {
        if (!configured()) {
            throw new LookupRefusedException("no contact lookup provider is configured");
        }
        ContactLookupProvider.PartyQuery query = new ContactLookupProvider.PartyQuery(task.courtId(),
                task.caseNumber(), task.party().name(), task.party().idNumber(),
                task.phones().stream().map(PartyPhone::e164).toList(), task.party().address());
        List<LookupResult.ProviderAnswer> answers = new ArrayList<>();
        Set<String> valid = new LinkedHashSet<>();
        for (ContactLookupProvider provider : providers) {
            LookupResult.ProviderAnswer answer = askOne(provider, query, task, purpose, actor);
            answers.add(answer);
            valid.addAll(answer.numbers());
        }
        List<String> added = valid.isEmpty() ? List.of()
                : tasks.addPhones(task.id(), List.copyOf(valid), actor, "contact-lookup");
        return new LookupResult(task.id().value(), answers, added);
    }

    private LookupResult.ProviderAnswer askOne(ContactLookupProvider provider, ContactLookupProvider.PartyQuery query,
            ServiceTask task, String purpose, String actor) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        LookupProperties.RateLimit limit = properties.rateLimit(provider.name());
        String status = "OK";
        String error = null;
        List<ContactLookupProvider.ContactProposal> proposals = List.of();
        if (rows.answeredSince(provider.name(), now, limit.per()) >= limit.maxQueries()) {
            status = "RATE_LIMITED";
            error = "at most " + limit.maxQueries() + " queries per " + limit.per();
        } else {
            try {
                proposals = List.copyOf(provider.lookup(query));
            } catch (RuntimeException e) {
                log.warn("contact lookup provider {} failed: {}", provider.name(), e.toString());
                status = "FAILED";
                error = e.toString();
            }
        }
        Set<String> numbers = new LinkedHashSet<>();
        Set<String> invalid = new LinkedHashSet<>();
        Map<String, String> addresses = new LinkedHashMap<>();
        for (ContactLookupProvider.ContactProposal proposal : proposals) {
            if (proposal.phone() != null && !proposal.phone().isBlank()) {
                phoneNumbers.normalise(proposal.phone()).ifPresentOrElse(numbers::add,
                        () -> invalid.add(proposal.phone().strip()));
            }
            if (proposal.address() != null && !proposal.address().isBlank()) {
                addresses.putIfAbsent(proposal.address().strip(),
                        proposal.source() == null || proposal.source().isBlank() ? provider.name() : proposal.source());
            }
        }
        long queryId = rows.insert(new QueryRows.Query(provider.name(), status, purpose, task.id().value(),
                task.courtId(), task.caseNumber(), actor, now, List.copyOf(numbers), List.copyOf(invalid),
                List.copyOf(addresses.keySet()), error));
        Map<String, Object> details = new HashMap<>();
        details.put("query", queryId);
        details.put("provider", provider.name());
        details.put("status", status);
        details.put("purpose", purpose);
        details.put("court", task.courtId());
        details.put("caseNumber", task.caseNumber());
        details.put("numbersFound", List.copyOf(numbers));
        details.put("numbersInvalid", List.copyOf(invalid));
        details.put("addressesFound", addresses.size());
        if (error != null) {
            details.put("error", error);
        }
        audit.append(new AuditRecord(task.id().auditChain(), actor, "LOOKUP_QUERIED", "task:" + task.id(), null, null,
                details));
        for (Map.Entry<String, String> found : addresses.entrySet()) {
            String address = found.getKey();
            String source = found.getValue();
            rows.insertAddress(queryId, task.id().value(), address, source, now);
            audit.append(new AuditRecord(task.id().auditChain(), actor, "LOOKUP_ADDRESS_FOUND", "task:" + task.id(),
                    null, null, Map.of("query", queryId, "provider", provider.name(), "address", address,
                            "source", source)));
            events.publishEvent(new PartyAddressFound(task.id(), address, source));
        }
        return new LookupResult.ProviderAnswer(queryId, provider.name(), status, List.copyOf(numbers),
                List.copyOf(invalid), List.copyOf(addresses.keySet()), error);
    }

    /**
     * The postal address a lookup found last for the task's party (for the postal channel when the task itself has
     * none), with the provider that found it.
     */
    public Optional<PartyAddressFound> latestAddressFound(TaskId task) {
        return rows.latestAddress(task);
    }
}
