package org.serveline.telephony.ami;

import java.time.Duration;

/**
 * How the hand-off queue between the AMI reader thread and our event thread behaves.
 *
 * @param eventsReceived      events taken off the wire by the reader
 * @param eventsDelivered     events handed to subscribers (converted records)
 * @param queueDepth          events waiting right now
 * @param maxQueueDepth       the deepest the queue has been
 * @param lastQueueWait       how long the last event waited in the queue
 * @param maxQueueWait        the longest any event waited
 * @param averageQueueWait    mean wait over all delivered events
 * @param subscriberFailures  subscriber calls that threw (logged and survived)
 * @param malformedLines      lines from the PBX that were not AMI (logged and skipped)
 */
public record LinkMetrics(long eventsReceived, long eventsDelivered, int queueDepth, int maxQueueDepth,
                          Duration lastQueueWait, Duration maxQueueWait, Duration averageQueueWait,
                          long subscriberFailures, long malformedLines) {
}
