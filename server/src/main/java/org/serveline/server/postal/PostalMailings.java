package org.serveline.server.postal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.serveline.server.audit.AuditRecord;
import org.serveline.server.audit.AuditTrail;
import org.serveline.server.court.Court;
import org.serveline.server.court.Courts;
import org.serveline.server.lookup.ContactLookup;
import org.serveline.server.lookup.PartyAddressFound;
import org.serveline.server.postal.carrier.NoPostalCarrier;
import org.serveline.server.postal.internal.MailingRows;
import org.serveline.server.postal.internal.TrackingDetails;
import org.serveline.server.task.IllegalTransitionException;
import org.serveline.server.task.ServiceTask;
import org.serveline.server.task.ServiceTasks;
import org.serveline.server.task.TaskId;
import org.serveline.server.task.TaskLifecycle;
import org.serveline.server.task.TaskState;
import org.serveline.server.task.TaskTrigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The postal channel's entry point: opens a mailing when a task enters POSTAL, takes tracking numbers, and applies
 * tracking events (each an audit event of the task) — a signature serves the task (DELIVERED), a return fails the
 * channel. Every change of a mailing and the task move it causes commit together.
 */
@Service
public class PostalMailings {

    /** The actor of moves the carrier's reports cause. */
    public static final String CARRIER = "postal-carrier";
    private static final Logger log = LoggerFactory.getLogger(PostalMailings.class);

    private final MailingRows rows;
    private final ServiceTasks tasks;
    private final AuditTrail audit;
    private final PostalCarrier carrier;
    private final PostalProperties properties;
    private final Clock clock;
    private final TransactionTemplate separate;

    private final Courts courts;
    private final ContactLookup lookup;

    PostalMailings(JdbcClient jdbc, ContactLookup lookup, ServiceTasks tasks, AuditTrail audit, PostalCarrier carrier,
            PostalProperties properties, Clock clock, PlatformTransactionManager transactions, Courts courts) {
        this.courts = courts;
        this.lookup = lookup;
        this.rows = new MailingRows(jdbc);
        this.tasks = tasks;
        this.audit = audit;
        this.carrier = carrier;
        this.properties = properties;
        this.clock = clock;
        this.separate = new TransactionTemplate(transactions);
        this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Opens the mailing of a task that has just entered POSTAL, in the transaction that moved it. A party without
     * an address cannot be mailed: that is recorded, and after commit the channel fails with NO_POSTAL_ADDRESS.
     */
    @Transactional
    public void open(TaskId id) {
        if (rows.byTask(id, false).isPresent()) {
            return;
        }
        ServiceTask task = tasks.get(id);
        String address = task.party().address();
        String addressSource = "TASK";
        if (address == null || address.isBlank()) {
            Optional<PartyAddressFound> found = lookup.latestAddressFound(id);
            address = found.map(PartyAddressFound::address).orElse(null);
            addressSource = found.map(f -> "LOOKUP:" + f.source()).orElse(null);
        }
        Instant now = now();
        if (address == null || address.isBlank()) {
            long mailing = rows.insert(id, task.courtId(), task.party().name(), null, MailingStatus.NOT_MAILABLE, now,
                    now);
            append(id, "system", "POSTAL_NOT_MAILABLE",
                    Map.of("mailing", mailing, "reason", "NO_POSTAL_ADDRESS", "party", task.party().name()));
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    try {
                        failNotMailable(mailing);
                    } catch (RuntimeException e) {
                        log.warn("mailing {}: the postal channel of task {} is failed later by the tracker: {}",
                                mailing, id, e.toString());
                    }
                }
            });
            return;
        }
        boolean book = properties.bookWithCarrier() && tracks(carrier);
        long mailing = rows.insert(id, task.courtId(), task.party().name(), address, MailingStatus.AWAITING_BOOKING,
                book ? now : null, now);
        append(id, "system", "POSTAL_MAILING_CREATED", Map.of("mailing", mailing, "recipient", task.party().name(),
                "address", address, "addressSource", addressSource, "documents", task.documentIds(),
                "booking", book ? "CARRIER" : "STAFF"));
    }

    /** Fails the postal channel of a task whose party has no address (if the task still waits in POSTAL). */
    public void failNotMailable(long mailingId) {
        separate.executeWithoutResult(status -> {
            Mailing mailing = rows.byId(mailingId, true).orElseThrow();
            ServiceTask task = tasks.get(mailing.taskId());
            if (task.state() == TaskState.POSTAL && hasNextChannel(task)) {
                tasks.move(task, TaskTrigger.CHANNEL_FAILED, "system", "NO_POSTAL_ADDRESS",
                        Map.of("channel", "POSTAL", "mailing", mailingId));
            }
            rows.checked(mailingId, null, 0, null, now());
        });
    }

    public Optional<Mailing> ofTask(TaskId id) {
        return rows.byTask(id, false);
    }

    public Optional<Mailing> get(long mailingId) {
        return rows.byId(mailingId, false);
    }

    /**
     * Staff typed the tracking number of an item they posted. It must be well-formed (S10 check digit), new, and
     * — when the carrier answers — known to the carrier; a carrier that does not answer does not block it.
     */
    public Mailing enterTrackingNumber(TaskId id, String typed, String actor) {
        TrackingNumber number = TrackingNumber.parse(typed);
        Mailing mailing = rows.byTask(id, false).orElseThrow(() -> new NoMailingException(id));
        requireAwaitingBooking(mailing);
        if (rows.trackingNumberTaken(number)) {
            throw new MailingConflictException("tracking number " + number + " belongs to another mailing");
        }
        List<TrackingEvent> known = List.of();
        boolean confirmed = false;
        if (tracks(carrier)) {
            try {
                known = carrier.track(number);
                confirmed = true;
            } catch (CarrierUnavailableException e) {
                log.info("tracking number {} of task {} taken unconfirmed: {}", number, id, e.getMessage());
            }
        }
        boolean carrierConfirmed = confirmed;
        List<TrackingEvent> events = known;
        return separate.execute(status -> {
            Mailing locked = rows.byId(mailing.id(), true).orElseThrow();
            requireAwaitingBooking(locked);
            booked(locked, number, actor, "STAFF", carrierConfirmed);
            if (!events.isEmpty()) {
                apply(locked.id(), events, "STAFF");
            }
            return rows.byId(locked.id(), false).orElseThrow();
        });
    }

    /** The carrier booked the item of a mailing that awaited booking. */
    @Transactional
    public void bookedByCarrier(long mailingId, TrackingNumber number) {
        Mailing locked = rows.byId(mailingId, true).orElseThrow();
        if (locked.status() == MailingStatus.AWAITING_BOOKING) {
            booked(locked, number, CARRIER, "CARRIER", true);
        }
    }

    private void booked(Mailing mailing, TrackingNumber number, String actor, String by, boolean confirmed) {
        rows.booked(mailing.id(), number, now());
        if (!tracks(carrier)) {
            rows.checked(mailing.id(), null, 0, null, now());
        }
        append(mailing.taskId(), actor, "POSTAL_BOOKED", Map.of("mailing", mailing.id(), "trackingNumber",
                number.value(), "bookedBy", by, "carrierConfirmed", confirmed, "address", mailing.address()));
    }

    private static void requireAwaitingBooking(Mailing mailing) {
        if (mailing.status() != MailingStatus.AWAITING_BOOKING) {
            throw new MailingConflictException("the mailing of task " + mailing.taskId() + " is "
                    + mailing.status() + (mailing.trackingNumber() == null ? "" : " with tracking number "
                    + mailing.trackingNumber()) + ": it takes no tracking number now");
        }
    }

    /**
     * Applies tracking events (oldest first), each once by its event id; {@code source} is POLL, WEBHOOK or STAFF.
     * Returns how many were new.
     */
    @Transactional
    public int apply(long mailingId, List<TrackingEvent> events, String source) {
        Mailing mailing = rows.byId(mailingId, true).orElseThrow();
        MailingStatus status = mailing.status();
        Instant now = now();
        int recorded = 0;
        for (TrackingEvent event : events.stream().sorted(Comparator.comparing(TrackingEvent::at)).toList()) {
            if (!rows.recordEvent(mailingId, event, source, now)) {
                continue;
            }
            recorded++;
            boolean moves = status.movesTo(event.status());
            append(mailing.taskId(), CARRIER, TrackingDetails.action(event), TrackingDetails.of(mailing, event, source, moves));
            if (!moves) {
                continue;
            }
            status = event.status();
            switch (event) {
                case TrackingEvent.Signed signed -> {
                    rows.signed(mailingId, signed, now);
                    deliver(mailing, signed);
                }
                case TrackingEvent.Returned returned -> {
                    rows.returned(mailingId, returned, now);
                    fail(mailing, returned);
                }
                case TrackingEvent.Progress progress -> rows.status(mailingId, progress.status(), now);
            }
        }
        return recorded;
    }

    /** After a successful look at the carrier: applies what it said and schedules the next look. */
    @Transactional
    public void tracked(long mailingId, List<TrackingEvent> events) {
        apply(mailingId, events, "POLL");
        Mailing after = rows.byId(mailingId, false).orElseThrow();
        rows.checked(mailingId, after.status().isClosed() ? null : now().plus(properties.pollInterval()), 0, null,
                now());
    }

    /** After a failed call to the carrier: nothing changes but the next try, later each time (capped). */
    @Transactional
    public void checkFailed(long mailingId, int failuresBefore, String error) {
        int failures = failuresBefore + 1;
        rows.checked(mailingId, now().plus(properties.retryAfter(failures)), failures, error, now());
    }

    private void deliver(Mailing mailing, TrackingEvent.Signed signed) {
        ServiceTask task = tasks.get(mailing.taskId());
        if (task.state() != TaskState.POSTAL) {
            log.warn("mailing {} signed but task {} is {}: recorded only", mailing.id(), task.id(), task.state());
            return;
        }
        Map<String, Object> evidence = new HashMap<>();
        evidence.put("channel", "POSTAL");
        evidence.put("serviceDate", signed.at().toString());
        evidence.put("serviceDateRule", "POSTAL_SIGNED");
        evidence.put("trackingNumber", mailing.trackingNumber().value());
        evidence.put("signer", signed.signer());
        evidence.put("signerRelation", signed.relation().name());
        evidence.put("address", mailing.address());
        evidence.put("mailing", mailing.id());
        tasks.move(task, TaskTrigger.DELIVERED, CARRIER, null, evidence);
    }

    private void fail(Mailing mailing, TrackingEvent.Returned returned) {
        ServiceTask task = tasks.get(mailing.taskId());
        if (task.state() != TaskState.POSTAL || !hasNextChannel(task)) {
            log.warn("mailing {} returned but task {} is {} (chain {}): recorded only", mailing.id(), task.id(),
                    task.state(), task.channelChain());
            return;
        }
        tasks.move(task, TaskTrigger.CHANNEL_FAILED, CARRIER, returned.reason().taskReason(), Map.of(
                "channel", "POSTAL", "trackingNumber", mailing.trackingNumber().value(), "returnReason",
                returned.reason().name(), "returnedAt", returned.at().toString(), "address", mailing.address(),
                "mailing", mailing.id()));
    }

    /** Whether a carrier is configured at all (else staff type numbers and nothing is tracked). */
    static boolean tracks(PostalCarrier carrier) {
        return !(carrier instanceof NoPostalCarrier);
    }

    /** What the carrier is asked to book for a mailing; its id is the idempotency key. */
    public PostalCarrier.BookingRequest bookingRequest(Mailing mailing) {
        String sender = properties.sender() != null && !properties.sender().isBlank() ? properties.sender()
                : courts.find(mailing.courtId()).map(Court::name).orElse(mailing.courtId());
        return new PostalCarrier.BookingRequest("mailing-" + mailing.id(), mailing.recipient(), mailing.address(),
                sender, tasks.get(mailing.taskId()).documentIds().size());
    }

    private static boolean hasNextChannel(ServiceTask task) {
        try {
            TaskLifecycle.next(TaskState.POSTAL, TaskTrigger.CHANNEL_FAILED, task.channelChain());
            return true;
        } catch (IllegalTransitionException e) {
            return false;
        }
    }

    private void append(TaskId task, String actor, String action, Map<String, Object> details) {
        audit.append(new AuditRecord(task.auditChain(), actor, action, "task:" + task, null, null, details));
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
