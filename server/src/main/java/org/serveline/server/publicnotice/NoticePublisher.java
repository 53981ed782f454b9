package org.serveline.server.publicnotice;

/**
 * The port to an outside bulletin (人民法院公告网, a newspaper's notice service). Called after commit from the
 * notice outbox, retried until it answers; it must be idempotent by {@code notice.id()}.
 * Shipped: {@link LoggingNoticePublisher}, which only logs — connect a real bulletin by providing another bean.
 */
public interface NoticePublisher {

    /** Publishes the notice; returns the bulletin's reference for it. Throws when the bulletin did not take it. */
    String publish(PublicNotice notice);

    /** The publisher's name, written into the audit event. */
    String name();
}
