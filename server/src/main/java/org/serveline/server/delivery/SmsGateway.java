package org.serveline.server.delivery;

import org.serveline.server.delivery.internal.SmppClient;
import org.serveline.server.delivery.internal.SmsSegments;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The SMPP gateway as the rest of the server sees it: one bound transceiver ({@link SmppClient}) to the configured
 * SMSC, or to the built-in one of the demo; receipts go to {@link DeliveryPipeline} (stored in batches before they are answered). Its health is DOWN while the
 * SMSC cannot be bound; messages wait in the outbox meanwhile.
 */
@Component("smsGateway")
class SmsGateway implements HealthIndicator, SmartLifecycle {

    private final DeliveryProperties.Sms settings;
    private final ObjectProvider<BuiltInSmsc> builtIn;
    private final DeliveryPipeline pipeline;
    private final Outbox outbox;
    private volatile SmppClient client;

    SmsGateway(DeliveryProperties properties, ObjectProvider<BuiltInSmsc> builtIn, DeliveryPipeline pipeline,
            Outbox outbox) {
        this.outbox = outbox;
        this.settings = properties.sms();
        this.builtIn = builtIn;
        this.pipeline = pipeline;
    }

    @Override
    public void start() {
        if (!settings.configured()) {
            return;
        }
        BuiltInSmsc smsc = settings.builtIn() ? builtIn.getIfAvailable() : null;
        String host = smsc != null ? "127.0.0.1" : settings.host();
        int port = smsc != null ? smsc.port() : settings.port();
        client = new SmppClient(new SmppClient.Settings(host, port, settings.systemId(), settings.password(),
                settings.systemType(), settings.sourceAddress(), settings.window(), settings.enquireLink(),
                settings.responseTimeout(), settings.reconnectMin(), settings.reconnectMax(), settings.smscTimeZone()),
                pipeline::receipt);
        client.start();
    }

    @Override
    public void stop() {
        SmppClient current = client;
        client = null;
        if (current != null) {
            current.close();
        }
    }

    @Override
    public boolean isRunning() {
        return client != null;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 10; // bound before the worker starts, unbound after it stops
    }

    boolean ready() {
        SmppClient current = client;
        return current != null && current.bound();
    }

    /** Submits outstanding at most (the configured window). */
    int window() {
        return settings.window();
    }

    SmppClient.Accepted submit(String e164, SmsSegments.Segment segment, boolean flash)
            throws SmppClient.Unavailable, SmppClient.Refused {
        SmppClient current = client;
        if (current == null) {
            throw new SmppClient.Unavailable("no SMSC configured", null);
        }
        return current.submit(e164, segment, flash);
    }

    long binds() {
        SmppClient current = client;
        return current == null ? 0 : current.binds();
    }

    @Override
    public Health health() {
        SmppClient current = client;
        if (current == null) {
            return Health.unknown().withDetail("reason", "no SMSC configured: SMS messages wait in the outbox").build();
        }
        return (current.bound() ? Health.up() : Health.down()).withDetail("link", current.status())
                .withDetail("binds", current.binds()).withDetail("waiting", outbox.pending(Medium.SMS))
                .withDetail("unwritten", pipeline.waiting()).build();
    }
}
