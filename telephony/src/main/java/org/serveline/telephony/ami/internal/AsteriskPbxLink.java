package org.serveline.telephony.ami.internal;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.RedirectAction;
import org.asteriskjava.manager.action.SetVarAction;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.serveline.telephony.ami.AmiEvent;
import org.serveline.telephony.ami.AmiException;
import org.serveline.telephony.ami.EventLagListener;
import org.serveline.telephony.ami.LinkHealth;
import org.serveline.telephony.ami.LinkMetrics;
import org.serveline.telephony.ami.LiveAttempt;
import org.serveline.telephony.ami.OriginateAccepted;
import org.serveline.telephony.ami.OriginateRejectedException;
import org.serveline.telephony.ami.OriginateRequest;
import org.serveline.telephony.ami.OriginateUnconfirmedException;
import org.serveline.telephony.ami.PbxConfig;
import org.serveline.telephony.ami.PbxLink;
import org.serveline.telephony.ami.RegisteredContact;
import org.serveline.telephony.ami.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link PbxLink} on asterisk-java: nothing of asterisk-java leaves this package. */
public final class AsteriskPbxLink implements PbxLink {

    private static final Logger log = LoggerFactory.getLogger(AsteriskPbxLink.class);

    private final PbxConfig config;
    private final Clock clock;
    private final EventHandOff handOff;
    private final ConnectionSupervisor supervisor;
    /** Completes futures and fires response timeouts, so that neither runs on the AMI reader thread. */
    private final ScheduledExecutorService actions;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    public AsteriskPbxLink(PbxConfig config, Clock clock) {
        this(config, clock, EventLagListener.NONE);
    }

    public AsteriskPbxLink(PbxConfig config, Clock clock, EventLagListener lag) {
        this.config = config;
        this.clock = clock;
        this.handOff = new EventHandOff(config.id(), clock, lag);
        this.supervisor = new ConnectionSupervisor(config, clock, handOff);
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon(true).name("serveline-ami-" + config.id() + "-actions").factory());
        executor.setRemoveOnCancelPolicy(true);
        this.actions = executor;
    }

    @Override
    public String pbxId() {
        return config.id();
    }

    @Override
    public void start() {
        if (closed.get()) {
            throw new IllegalStateException("PBX link " + config.id() + " is closed");
        }
        if (started.compareAndSet(false, true)) {
            handOff.start();
            supervisor.start();
        }
    }

    @Override
    public LinkHealth health() {
        return supervisor.health();
    }

    @Override
    public LinkMetrics metrics() {
        return handOff.metrics();
    }

    @Override
    public Subscription subscribe(Consumer<? super AmiEvent> subscriber) {
        return handOff.subscribe(subscriber);
    }

    @Override
    public CompletableFuture<OriginateAccepted> originate(OriginateRequest request) {
        CompletableFuture<OriginateAccepted> result = new CompletableFuture<>();
        Optional<ManagerConnection> connection = supervisor.connection();
        if (connection.isEmpty() || closed.get()) {
            result.completeExceptionally(new OriginateRejectedException(
                    "PBX " + config.id() + " is DOWN (" + health().detail() + "); attempt " + request.attemptId()
                            + " not dialled"));
            return result;
        }
        AtomicBoolean answered = new AtomicBoolean();
        ScheduledFuture<?> timeout = actions.schedule(() -> {
            if (answered.compareAndSet(false, true)) {
                result.completeExceptionally(new OriginateUnconfirmedException("no response to Originate "
                        + request.actionId() + " within " + config.responseTimeout(), null));
            }
        }, config.responseTimeout().toMillis(), TimeUnit.MILLISECONDS);
        try {
            connection.get().sendAction(OriginateActions.of(request), response -> {
                if (answered.compareAndSet(false, true)) {
                    timeout.cancel(false);
                    actions.execute(() -> complete(request, response, result));
                }
            });
        } catch (IllegalStateException e) {
            timeout.cancel(false);
            result.completeExceptionally(new OriginateRejectedException("PBX " + config.id()
                    + " not connected; attempt " + request.attemptId() + " not dialled", e));
        } catch (IOException e) {
            timeout.cancel(false);
            result.completeExceptionally(new OriginateUnconfirmedException("writing Originate " + request.actionId()
                    + " failed midway", e));
        }
        return result;
    }

    private void complete(OriginateRequest request, ManagerResponse response,
                          CompletableFuture<OriginateAccepted> result) {
        if (response == null) {
            result.completeExceptionally(new OriginateUnconfirmedException("connection lost before Asterisk answered "
                    + request.actionId(), null));
        } else if (response instanceof ManagerError) {
            result.completeExceptionally(new OriginateRejectedException("Asterisk refused Originate "
                    + request.actionId() + ": " + response.getMessage()));
        } else {
            result.complete(new OriginateAccepted(config.id(), request.attemptId(), request.actionId(),
                    clock.instant()));
        }
    }

    @Override
    public CompletableFuture<List<LiveAttempt>> liveAttempts() {
        CompletableFuture<List<LiveAttempt>> result = new CompletableFuture<>();
        Optional<ManagerConnection> connection = supervisor.connection();
        if (connection.isEmpty() || closed.get()) {
            result.completeExceptionally(new AmiException("PBX " + config.id() + " is DOWN (" + health().detail()
                    + "); cannot list live attempts"));
            return result;
        }
        LiveAttemptQuery query = new LiveAttemptQuery(config, connection.get());
        // blocking AMI round trips: a short-lived virtual thread, never the reader or the actions thread
        Thread.ofVirtual().name("serveline-ami-" + config.id() + "-reconcile").start(() -> {
            try {
                result.complete(query.run());
            } catch (AmiException e) {
                result.completeExceptionally(e);
            } catch (RuntimeException e) {
                result.completeExceptionally(new AmiException("listing live attempts failed", e));
            }
        });
        return result;
    }

    @Override
    public CompletableFuture<Void> redirect(String channel, OriginateRequest.Dialplan target) {
        return send(new RedirectAction(channel, target.context(), target.exten(), target.priority()),
                "Redirect of " + channel + " to " + target.context() + "," + target.exten() + "," + target.priority());
    }

    @Override
    public CompletableFuture<Void> hangup(String channel, int cause) {
        return send(new HangupAction(channel, cause), "Hangup of " + channel);
    }

    @Override
    public CompletableFuture<Void> setGlobalVariable(String name, String value) {
        return send(new SetVarAction(name, value), "Setvar of global " + name);
    }

    /** A one-response action: completes (never on the AMI reader thread) when Asterisk said Success. */
    private CompletableFuture<Void> send(ManagerAction action, String what) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        Optional<ManagerConnection> connection = supervisor.connection();
        if (connection.isEmpty() || closed.get()) {
            result.completeExceptionally(new AmiException("PBX " + config.id() + " is DOWN (" + health().detail()
                    + "); " + what + " not sent"));
            return result;
        }
        AtomicBoolean answered = new AtomicBoolean();
        ScheduledFuture<?> timeout = actions.schedule(() -> {
            if (answered.compareAndSet(false, true)) {
                result.completeExceptionally(new AmiException("no response to " + what + " within "
                        + config.responseTimeout()));
            }
        }, config.responseTimeout().toMillis(), TimeUnit.MILLISECONDS);
        try {
            connection.get().sendAction(action, response -> {
                if (answered.compareAndSet(false, true)) {
                    timeout.cancel(false);
                    actions.execute(() -> {
                        if (response == null) {
                            result.completeExceptionally(new AmiException("connection lost before " + what
                                    + " was answered"));
                        } else if (response instanceof ManagerError) {
                            result.completeExceptionally(new AmiException("Asterisk refused " + what + ": "
                                    + response.getMessage()));
                        } else {
                            result.complete(null);
                        }
                    });
                }
            });
        } catch (IOException | IllegalStateException e) {
            timeout.cancel(false);
            result.completeExceptionally(new AmiException(what + " could not be sent to PBX " + config.id(), e));
        }
        return result;
    }

    @Override
    public CompletableFuture<List<RegisteredContact>> contacts() {
        CompletableFuture<List<RegisteredContact>> result = new CompletableFuture<>();
        Optional<ManagerConnection> connection = supervisor.connection();
        if (connection.isEmpty() || closed.get()) {
            result.completeExceptionally(new AmiException("PBX " + config.id() + " is DOWN (" + health().detail()
                    + "); cannot list contacts"));
            return result;
        }
        ContactQuery query = new ContactQuery(config, connection.get());
        Thread.ofVirtual().name("serveline-ami-" + config.id() + "-contacts").start(() -> {
            try {
                result.complete(query.run());
            } catch (RuntimeException e) {
                result.completeExceptionally(e instanceof AmiException ? e
                        : new AmiException("listing contacts failed", e));
            }
        });
        return result;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            supervisor.close();
            handOff.stop();
            actions.shutdownNow();
            actions.awaitTermination(config.responseTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("PBX {}: link closed", config.id());
    }
}
