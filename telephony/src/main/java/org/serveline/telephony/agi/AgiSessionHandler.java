package org.serveline.telephony.agi;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.serveline.telephony.agi.AgiSessionEnd.Ending;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one accepted connection: read the request, route it, run the application, record how it ended. */
final class AgiSessionHandler {

    private static final Logger log = LoggerFactory.getLogger(AgiSessionHandler.class);

    private final FastAgiConfig config;
    private final Map<String, AgiApplication> applications;
    private final AgiSessionListener listener;
    private final Clock clock;
    private final BooleanSupplier stopping;

    AgiSessionHandler(FastAgiConfig config, Map<String, AgiApplication> applications, AgiSessionListener listener,
            Clock clock, BooleanSupplier stopping) {
        this.config = config;
        this.applications = Map.copyOf(applications);
        this.listener = listener;
        this.clock = clock;
        this.stopping = stopping;
    }

    void handle(Socket socket) {
        Instant startedAt = clock.instant();
        long startNanos = System.nanoTime();
        Outcome outcome;
        AgiRequest request = null;
        try (socket) {
            AgiConnection connection = new AgiConnection(socket, "AGI " + socket.getRemoteSocketAddress());
            request = AgiRequest.fromEnvironment(connection.readEnvironment(config.requestTimeout()));
            outcome = route(request, connection, socket, startedAt);
        } catch (SocketTimeoutException silent) {
            outcome = new Outcome(Ending.REQUEST_TIMEOUT,
                    "no complete agi_ block within " + config.requestTimeout() + "; closed");
        } catch (AgiConnection.BadRequestException bad) {
            outcome = new Outcome(Ending.BAD_REQUEST, bad.getMessage());
        } catch (IOException broken) {
            outcome = new Outcome(stopping.getAsBoolean() ? Ending.SERVER_STOPPED : Ending.FAILED,
                    "connection broke while reading the request: " + broken.getMessage());
        }
        end(socket, request, outcome, Duration.ofNanos(System.nanoTime() - startNanos));
    }

    private Outcome route(AgiRequest request, AgiConnection connection, Socket socket, Instant startedAt) {
        AgiApplication application = applications.get(request.script());
        if (application == null) {
            return new Outcome(Ending.UNKNOWN_SCRIPT,
                    "no application for script '" + request.script() + "' (known: " + applications.keySet() + ")");
        }
        SocketAgiChannel channel = new SocketAgiChannel(connection, config.replyTimeout());
        try {
            application.run(new AgiSession(request, channel, socket.getInetAddress(), clock, startedAt));
            return channel.hungUp()
                    ? new Outcome(Ending.HUNG_UP, "application ended after the channel hung up")
                    : new Outcome(Ending.COMPLETED, "application completed");
        } catch (AgiHangupException hangup) {
            return new Outcome(Ending.HUNG_UP, hangup.getMessage());
        } catch (AgiProtocolException unexpected) {
            return new Outcome(Ending.PROTOCOL_ERROR, unexpected.getMessage());
        } catch (RuntimeException failure) {
            if (stopping.getAsBoolean()) {
                return new Outcome(Ending.SERVER_STOPPED, "server stopped: " + failure.getMessage());
            }
            log.error("AGI application '{}' failed on {}", request.script(), request.uniqueId(), failure);
            return new Outcome(Ending.FAILED, String.valueOf(failure.getMessage()));
        }
    }

    private void end(Socket socket, AgiRequest request, Outcome outcome, Duration duration) {
        String script = request == null ? "" : request.script();
        String uniqueId = request == null ? "" : request.uniqueId();
        AgiSessionEnd end = new AgiSessionEnd(socket.getInetAddress(), script, uniqueId, outcome.ending(),
                outcome.detail(), duration);
        switch (outcome.ending()) {
            case COMPLETED, HUNG_UP, SERVER_STOPPED -> log.info("AGI session {} '{}' from {} ended {}: {}",
                    uniqueId, script, socket.getRemoteSocketAddress(), outcome.ending(), outcome.detail());
            default -> log.warn("AGI session {} '{}' from {} ended {}: {}",
                    uniqueId, script, socket.getRemoteSocketAddress(), outcome.ending(), outcome.detail());
        }
        notify(end);
    }

    void notify(AgiSessionEnd end) {
        try {
            listener.sessionEnded(end);
        } catch (RuntimeException listenerFailure) {
            log.error("AGI session listener failed on {}", end, listenerFailure);
        }
    }

    private record Outcome(Ending ending, String detail) {
    }
}
