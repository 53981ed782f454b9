package org.serveline.telephony.ami.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.asteriskjava.manager.AuthenticationFailedException;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.ManagerEventListener;
import org.asteriskjava.manager.TimeoutException;
import org.asteriskjava.manager.action.PingAction;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.internal.ManagerConnectionImpl;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.serveline.telephony.ami.AmiEvent;
import org.serveline.telephony.ami.LinkHealth;
import org.serveline.telephony.ami.PbxConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one logged-in asterisk-java connection alive. asterisk-java's own reconnect (fixed 50 ms / 5 s intervals)
 * is switched off by logging the dropped connection off; we open a fresh connection after our own backoff.
 */
final class ConnectionSupervisor {

    private static final Logger log = LoggerFactory.getLogger(ConnectionSupervisor.class);

    private final PbxConfig config;
    private final Clock clock;
    private final EventHandOff handOff;
    private final Thread thread;
    private final CountDownLatch closed = new CountDownLatch(1);

    private volatile ManagerConnection current;
    private volatile boolean closing;
    private volatile LinkHealth.Status status = LinkHealth.Status.DOWN;
    private volatile Instant since;
    private volatile String detail = "not started";
    private volatile long reconnects;
    private boolean everUp;

    ConnectionSupervisor(PbxConfig config, Clock clock, EventHandOff handOff) {
        this.config = config;
        this.clock = clock;
        this.handOff = handOff;
        this.since = clock.instant();
        this.thread = Thread.ofPlatform().daemon(true).name("serveline-ami-" + config.id() + "-link")
                .unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /** The logged-in connection, or empty while the link is DOWN. */
    Optional<ManagerConnection> connection() {
        return Optional.ofNullable(current);
    }

    LinkHealth health() {
        return new LinkHealth(config.id(), status, since, handOff.lastEventAt(), detail, reconnects);
    }

    void close() throws InterruptedException {
        closing = true;
        closed.countDown();
        if (thread.isAlive()) {
            thread.interrupt();
            thread.join();
        }
    }

    private void run() {
        Duration backoff = config.reconnectMin();
        while (!closing) {
            ManagerConnectionImpl connection = newConnection();
            DisconnectWatch watch = new DisconnectWatch();
            connection.addEventListener(watch);
            try {
                connection.login();
                if (!closing) {
                    current = connection;
                    markUp();
                    backoff = config.reconnectMin();
                    watchUntilLost(connection, watch);
                }
            } catch (AuthenticationFailedException e) {
                markDown("authentication failed: " + e.getMessage());
            } catch (IOException | TimeoutException e) {
                markDown("cannot connect: " + e.getMessage());
            } catch (RuntimeException e) {
                markDown("unexpected failure: " + e);
                log.error("PBX {}: unexpected failure on the AMI link", config.id(), e);
            } finally {
                current = null;
                shutDown(connection, watch);
            }
            if (!closing) {
                log.info("PBX {}: reconnecting in {}", config.id(), backoff);
                pause(backoff);
                backoff = min(backoff.multipliedBy(2), config.reconnectMax());
            }
        }
        status = LinkHealth.Status.DOWN;
        since = clock.instant();
        detail = "closed";
    }

    private ManagerConnectionImpl newConnection() {
        ManagerConnectionImpl connection = new InspectedManagerConnection(handOff);
        connection.setHostname(config.host());
        connection.setPort(config.port());
        connection.setUsername(config.username());
        connection.setPassword(config.secret());
        connection.setDefaultResponseTimeout(config.responseTimeout().toMillis());
        connection.setDefaultEventTimeout(config.responseTimeout().toMillis());
        connection.setSocketTimeout((int) config.responseTimeout().toMillis());
        return connection;
    }

    /** Returns when the connection dropped, stopped answering pings, or the link is closing. */
    private void watchUntilLost(ManagerConnection connection, DisconnectWatch watch) {
        long idleMillis = config.pingInterval().toMillis();
        while (!closing) {
            try {
                if (watch.lost.await(idleMillis, TimeUnit.MILLISECONDS)) {
                    markDown("connection lost");
                    log.warn("PBX {}: AMI connection lost", config.id());
                    return;
                }
            } catch (InterruptedException e) {
                return; // closing
            }
            if (!pingAnswered(connection) && !closing) {
                markDown("no answer to Ping within " + config.responseTimeout());
                log.warn("PBX {}: AMI Ping not answered, dropping the connection", config.id());
                return;
            }
        }
    }

    private boolean pingAnswered(ManagerConnection connection) {
        try {
            ManagerResponse response = connection.sendAction(new PingAction(), config.responseTimeout().toMillis());
            return response != null && !(response instanceof ManagerError);
        } catch (IOException | TimeoutException | RuntimeException e) {
            return false;
        }
    }

    private void shutDown(ManagerConnection connection, DisconnectWatch watch) {
        ManagerConnectionState state = connection.getState();
        if (state == ManagerConnectionState.CONNECTED || state == ManagerConnectionState.RECONNECTING) {
            try {
                connection.logoff(); // in RECONNECTING this is what stops asterisk-java's own reconnect thread
            } catch (RuntimeException e) {
                log.debug("PBX {}: logoff failed: {}", config.id(), e.toString());
            }
        }
        connection.removeEventListener(watch);
    }

    private void pause(Duration backoff) {
        try {
            closed.await(backoff.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            // closing: the loop condition ends the thread
        }
    }

    private synchronized void markUp() {
        boolean again = everUp;
        if (everUp) {
            reconnects++;
        }
        everUp = true;
        status = LinkHealth.Status.UP;
        since = clock.instant();
        detail = "logged in to " + config.host() + ":" + config.port();
        log.info("PBX {}: AMI link UP ({})", config.id(), detail);
        handOff.offerLinkState(new AmiEvent.LinkUp(since, again));
    }

    private synchronized void markDown(String reason) {
        if (status == LinkHealth.Status.UP) {
            since = clock.instant();
            handOff.offerLinkState(new AmiEvent.LinkLost(since, reason));
        }
        if (status == LinkHealth.Status.UP || !reason.equals(detail)) {
            log.warn("PBX {}: AMI link DOWN: {}", config.id(), reason);
        }
        status = LinkHealth.Status.DOWN;
        detail = reason;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Hands events off and notices asterisk-java's DisconnectEvent; runs on the reader thread, so it stays tiny. */
    private final class DisconnectWatch implements ManagerEventListener {
        private final CountDownLatch lost = new CountDownLatch(1);

        @Override
        public void onManagerEvent(ManagerEvent event) {
            if (event instanceof DisconnectEvent) {
                lost.countDown();
            } else {
                handOff.offer(event);
            }
        }
    }
}
