package org.serveline.server.postal;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a mailing stands. A transition table: tracking moves forward only (a late, older event is recorded but
 * does not move the mailing back), and SIGNED, RETURNED and NOT_MAILABLE close it.
 */
public enum MailingStatus {
    /** Created, waiting for a tracking number (staff types it, or the carrier books the item). */
    AWAITING_BOOKING("待交寄"),
    ACCEPTED("已收寄"),
    IN_TRANSIT("运输中"),
    OUT_FOR_DELIVERY("派送中"),
    SIGNED("已签收"),
    RETURNED("已退回"),
    /** The party has no postal address: nothing was mailed. */
    NOT_MAILABLE("无邮寄地址");

    private static final Map<MailingStatus, Set<MailingStatus>> NEXT = Map.of(
            AWAITING_BOOKING, EnumSet.of(ACCEPTED, IN_TRANSIT, OUT_FOR_DELIVERY, SIGNED, RETURNED),
            ACCEPTED, EnumSet.of(IN_TRANSIT, OUT_FOR_DELIVERY, SIGNED, RETURNED),
            IN_TRANSIT, EnumSet.of(OUT_FOR_DELIVERY, SIGNED, RETURNED),
            OUT_FOR_DELIVERY, EnumSet.of(IN_TRANSIT, SIGNED, RETURNED),
            SIGNED, EnumSet.noneOf(MailingStatus.class),
            RETURNED, EnumSet.noneOf(MailingStatus.class),
            NOT_MAILABLE, EnumSet.noneOf(MailingStatus.class));

    private final String chinese;

    MailingStatus(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }

    public boolean isClosed() {
        return NEXT.get(this).isEmpty();
    }

    /** Whether a tracking event with status {@code to} moves a mailing in this status. */
    public boolean movesTo(MailingStatus to) {
        return NEXT.get(this).contains(to);
    }
}
