package org.serveline.server.delivery.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCoding;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.MessageClass;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SMPP transceiver bind to an SMSC (jSMPP): binds in the background and rebinds with a doubling backoff when the
 * link drops; enquire_link keeps it alive; at most {@code window} submit_sm are outstanding at once; every
 * submit asks for a delivery receipt, and the receipts (deliver_sm) go to the {@code receipts} sink. No Spring here.
 */
public final class SmppClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmppClient.class);
    /** Command statuses that say "later" rather than "never": throttled, queue full, system error. */
    /** Receipts (deliver_sm) an SMSC may have outstanding at once that the client waits on while storing them. */
    private static final int RECEIPTS_IN_FLIGHT = 100;
    private static final java.util.Set<Integer> TRANSIENT = java.util.Set.of(0x58, 0x14, 0x08, 0x45);

    /** Where the client connects and how it behaves. */
    public record Settings(String host, int port, String systemId, String password, String systemType,
            String sourceAddress, int window, Duration enquireLink, Duration responseTimeout, Duration reconnectMin,
            Duration reconnectMax, ZoneId smscZone) {
    }

    /** The SMSC took the segment; {@code messageId} is what its receipt will name. */
    public record Accepted(String messageId) {
    }

    /** The segment could not be handed over now (link down, timeout, throttled): try again later. */
    public static final class Unavailable extends Exception {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The SMSC refused the segment for good (bad number, bad message). */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    private final Settings settings;
    private final Consumer<ReceiptText> receipts;
    private final Semaphore window;
    private final Object monitor = new Object();
    private volatile SMPPSession session;
    private volatile boolean running;
    private volatile String status = "not started";
    private volatile long binds;
    private Thread connector;

    public SmppClient(Settings settings, Consumer<ReceiptText> receipts) {
        this.settings = settings;
        this.receipts = receipts;
        this.window = new Semaphore(settings.window(), true);
    }

    public void start() {
        running = true;
        connector = Thread.ofVirtual().name("smpp-connector").start(this::keepBound);
    }

    public boolean bound() {
        SMPPSession current = session;
        return current != null && current.getSessionState().isBound();
    }

    /** How the link stands, for health. */
    public String status() {
        return status;
    }

    /** How many times the client has bound (1 + reconnects). */
    public long binds() {
        return binds;
    }

    public int freeWindow() {
        return window.availablePermits();
    }

    private void keepBound() {
        Duration backoff = settings.reconnectMin();
        while (running) {
            if (bound()) {
                waitQuietly(Duration.ofSeconds(1));
                continue;
            }
            SMPPSession fresh = new SMPPSession();
            try {
                fresh.setEnquireLinkTimer((int) settings.enquireLink().toMillis());
                fresh.setTransactionTimer(settings.responseTimeout().toMillis());
                fresh.setMessageReceiverListener(new Receiver());
                // receipts are stored before deliver_sm_resp (each waits for its batch to commit): enough PDU
                // threads for the SMSC's window of receipts that they never hold up the submit_sm_resp behind them
                fresh.setPduProcessorDegree(settings.window() + RECEIPTS_IN_FLIGHT);
                fresh.setQueueCapacity(Math.max(1_000, settings.window() * 20));
                fresh.addSessionStateListener((now, before, source) -> {
                    if (!now.isBound()) {
                        status = "DOWN: the link to " + where() + " went " + now;
                        synchronized (monitor) {
                            monitor.notifyAll();
                        }
                    }
                });
                fresh.connectAndBind(settings.host(), settings.port(), new BindParameter(BindType.BIND_TRX,
                        settings.systemId(), settings.password(), settings.systemType(), TypeOfNumber.UNKNOWN,
                        NumberingPlanIndicator.UNKNOWN, null), settings.responseTimeout().toMillis());
                closeQuietly(session);
                session = fresh;
                binds++;
                status = "UP: bound as transceiver to " + where();
                backoff = settings.reconnectMin();
                log.info("SMPP bound to {}", where());
            } catch (IOException | RuntimeException e) {
                closeQuietly(fresh);
                status = "DOWN: cannot bind to " + where() + " (" + e.getMessage() + "); next try in " + backoff;
                log.warn("SMPP bind to {} failed: {}; retrying in {}", where(), e.getMessage(), backoff);
                waitQuietly(backoff);
                backoff = backoff.multipliedBy(2).compareTo(settings.reconnectMax()) > 0 ? settings.reconnectMax()
                        : backoff.multipliedBy(2);
            }
        }
    }

    /**
     * Submits one segment with a delivery receipt requested, holding a place in the window until the SMSC answers.
     * {@code flash}: message class 0, shown at once and not stored by the handset.
     */
    public Accepted submit(String e164, SmsSegments.Segment segment, boolean flash) throws Unavailable, Refused {
        SMPPSession current = session;
        if (current == null || !current.getSessionState().isBound()) {
            throw new Unavailable("the SMSC is not bound: " + status, null);
        }
        try {
            if (!window.tryAcquire(settings.responseTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new Unavailable("the submit window stayed full for " + settings.responseTimeout(), null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted", e);
        }
        try {
            ESMClass esm = new ESMClass(MessageMode.DEFAULT, MessageType.DEFAULT,
                    segment.udh() ? GSMSpecificFeature.UDHI : GSMSpecificFeature.DEFAULT);
            DataCoding coding = flash ? new GeneralDataCoding(Alphabet.ALPHA_UCS2, MessageClass.CLASS0, false)
                    : new GeneralDataCoding(Alphabet.ALPHA_UCS2);
            String destination = e164.startsWith("+") ? e164.substring(1) : e164;
            String id = current.submitShortMessage("", TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN,
                    settings.sourceAddress(), TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, destination,
                    esm, (byte) 0, (byte) 1, null, null, new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE),
                    (byte) 0, coding, (byte) 0, segment.shortMessage()).getMessageId();
            return new Accepted(id);
        } catch (NegativeResponseException e) {
            String why = "the SMSC answered submit_sm with status 0x" + Integer.toHexString(e.getCommandStatus());
            if (TRANSIENT.contains(e.getCommandStatus())) {
                throw new Unavailable(why, e);
            }
            throw new Refused(why);
        } catch (ResponseTimeoutException | IOException e) {
            throw new Unavailable("no answer to submit_sm from " + where() + ": " + e.getMessage(), e);
        } catch (Exception e) {
            throw new Unavailable("submit_sm failed: " + e, e);
        } finally {
            window.release();
        }
    }

    private String where() {
        return settings.host() + ":" + settings.port();
    }

    private void waitQuietly(Duration duration) {
        synchronized (monitor) {
            try {
                monitor.wait(Math.max(1, duration.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    private static void closeQuietly(SMPPSession session) {
        if (session != null) {
            try {
                session.unbindAndClose();
            } catch (RuntimeException e) {
                log.debug("closing an SMPP session: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        running = false;
        synchronized (monitor) {
            monitor.notifyAll();
        }
        closeQuietly(session);
        if (connector != null) {
            connector.interrupt();
        }
    }

    /** Receipts are handed to the sink on jSMPP's thread: a sink that fails makes the SMSC send the receipt again. */
    private final class Receiver implements MessageReceiverListener {

        @Override
        public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
            if (!deliverSm.isSmscDeliveryReceipt()) {
                log.info("ignoring a mobile-originated SMS from {}", deliverSm.getSourceAddr());
                return;
            }
            String text = new String(deliverSm.getShortMessage(), StandardCharsets.ISO_8859_1);
            ReceiptText receipt = ReceiptText.parse(text, settings.smscZone()).orElse(null);
            if (receipt == null) {
                log.warn("unreadable delivery receipt: {}", text);
                return;
            }
            try {
                receipts.accept(receipt);
            } catch (RuntimeException e) {
                log.warn("storing receipt {} failed, the SMSC will resend it: {}", receipt.messageId(), e.toString());
                throw new ProcessRequestException("receipt not stored", 0x08);
            }
        }

        @Override
        public void onAcceptAlertNotification(AlertNotification alertNotification) {
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw new ProcessRequestException("data_sm is not supported", 0x03);
        }
    }
}
