package org.serveline.server.postal;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.serveline.server.postal.internal.MailingRows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Works the mailings that are due: books those awaiting the carrier, asks the carrier about open ones, fails the
 * channel of unmailable ones. Due rows are claimed with {@code FOR UPDATE SKIP LOCKED} and a lease, so several nodes
 * never call the carrier twice for one mailing; the carrier is called outside any transaction. A carrier that times
 * out or answers garbage changes nothing but the time of the next try, which backs off.
 */
@Service
public class MailingTracker {

    private static final Logger log = LoggerFactory.getLogger(MailingTracker.class);
    private static final int BATCH = 50;

    private final MailingRows rows;
    private final PostalMailings mailings;
    private final PostalCarrier carrier;
    private final PostalProperties properties;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final CarrierHealth health;
    private final String owner = ManagementFactory.getRuntimeMXBean().getName();

    MailingTracker(JdbcClient jdbc, PostalMailings mailings, PostalCarrier carrier, PostalProperties properties,
            Clock clock, TransactionTemplate transactions, CarrierHealth health) {
        this.rows = new MailingRows(jdbc);
        this.mailings = mailings;
        this.carrier = carrier;
        this.properties = properties;
        this.clock = clock;
        this.transactions = transactions;
        this.health = health;
    }

    /** Works every due mailing once; returns how many it claimed. */
    public int checkDue() {
        Set<MailingStatus> due = !PostalMailings.tracks(carrier)
                ? EnumSet.of(MailingStatus.NOT_MAILABLE)
                : EnumSet.of(MailingStatus.NOT_MAILABLE, MailingStatus.AWAITING_BOOKING, MailingStatus.ACCEPTED,
                        MailingStatus.IN_TRANSIT, MailingStatus.OUT_FOR_DELIVERY);
        Instant now = clock.instant();
        List<Long> claimed = transactions.execute(
                s -> rows.claimDue(due, owner, BATCH, now, now.plus(properties.lease())));
        claimed.forEach(this::check);
        return claimed.size();
    }

    private void check(long id) {
        Mailing mailing = rows.byId(id, false).orElseThrow();
        try {
            switch (mailing.status()) {
                case NOT_MAILABLE -> mailings.failNotMailable(id);
                case AWAITING_BOOKING -> mailings.bookedByCarrier(id, carrier.book(mailings.bookingRequest(mailing)));
                default -> mailings.tracked(id, carrier.track(mailing.trackingNumber()));
            }
            if (mailing.status() != MailingStatus.NOT_MAILABLE) {
                health.answered();
            }
        } catch (PostalException e) {
            if (e instanceof CarrierUnavailableException) {
                health.failed(e.getMessage(), clock.instant());
            } else {
                health.answered(); // it answered, about this item only (an unknown number)
            }
            log.info("mailing {} ({}): the carrier failed, next try with back-off: {}", id,
                    mailing.trackingNumber(), e.getMessage());
            mailings.checkFailed(id, mailing.failures(), e.getMessage());
        } catch (RuntimeException e) {
            log.warn("mailing {}: check failed, next try with back-off", id, e);
            mailings.checkFailed(id, mailing.failures(), e.toString());
        }
    }
}
