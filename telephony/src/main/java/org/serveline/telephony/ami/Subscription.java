package org.serveline.telephony.ami;

/** Handle returned by a subscribe call; closing it stops delivery. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {

    @Override
    void close();
}
