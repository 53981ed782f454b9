package org.serveline.server.delivery;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.ServerResponseDeliveryListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.session.connection.ServerConnection;
import org.jsmpp.session.connection.ServerConnectionFactory;
import org.jsmpp.session.connection.socket.ServerSocketConnection;
import org.jsmpp.util.MessageId;
import org.serveline.server.delivery.internal.ReceiptText;
import org.serveline.server.delivery.internal.SmsSegments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SMSC on loopback built on jSMPP's server session, for the demo, the tests and the benchmark: accepts transceiver
 * binds (or refuses them), answers each submit_sm with a message id and then a delivery receipt (deliver_sm) whose
 * state is chosen per destination (DELIVRD by default). It can be stopped and started again on the same port, and
 * told to go down after a number of submits, answering none after that.
 */
public final class BuiltInSmsc implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BuiltInSmsc.class);
    private static final int RECEIPT_WINDOW = 64;

    /** A submit the SMSC answered: the party's phone gets it. */
    public record Received(String messageId, String destination, String text, byte dataCoding, byte esmClass,
            int part, Instant at) {

        public boolean flash() {
            return (dataCoding & 0x13) == 0x10;
        }
    }

    private final Clock clock;
    private final ZoneId zone;
    /** Every message answered, in order (a copy-on-write list would copy itself at every one of thousands). */
    private final Queue<Received> received = new ConcurrentLinkedQueue<>();
    private final Map<String, SMPPServerSession> sessions = new ConcurrentHashMap<>();
    /** Retries of receipts the client did not take. */
    private final ScheduledExecutorService receipts = Executors.newScheduledThreadPool(1,
            Thread.ofPlatform().daemon().name("smsc-receipts-", 0).factory());
    /** Receipts go out on virtual threads, at most this many unanswered at once (an SMSC's deliver_sm window). */
    private final java.util.concurrent.Semaphore receiptWindow = new java.util.concurrent.Semaphore(RECEIPT_WINDOW);
    private final AtomicLong ids = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 1_000);
    private final AtomicInteger refusedBinds = new AtomicInteger();
    private final AtomicInteger submitsSeen = new AtomicInteger();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private volatile Function<String, String> stat = destination -> "DELIVRD";
    private volatile boolean refuseBinds;
    private volatile int downAfter = -1;
    private volatile boolean logMessages;
    private volatile SMPPServerSessionListener listener;
    private volatile ServerSocket socket;
    private volatile int port;

    private record Pending(SubmitSm submit, Instant at) {
    }

    public BuiltInSmsc(Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
    }

    /** Starts listening on 127.0.0.1 (port 0: a free one; again after {@link #stop}: the same one). */
    public synchronized BuiltInSmsc start(int wanted) throws IOException {
        ServerConnectionFactory loopback = new ServerConnectionFactory() {
            @Override
            public ServerConnection listen(int p) throws IOException {
                return listen(p, 0, 50);
            }

            @Override
            public ServerConnection listen(int p, int timeout) throws IOException {
                return listen(p, timeout, 50);
            }

            @Override
            public ServerConnection listen(int p, int timeout, int backlog) throws IOException {
                ServerSocket server = new ServerSocket();
                server.setReuseAddress(true);
                server.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), p), backlog);
                server.setSoTimeout(timeout);
                socket = server;
                return new ServerSocketConnection(server);
            }
        };
        SMPPServerSessionListener fresh = new SMPPServerSessionListener(wanted, loopback);
        fresh.setPduProcessorDegree(16);
        fresh.setQueueCapacity(10_000);
        fresh.setMessageReceiverListener(new Submits());
        fresh.setResponseDeliveryListener(new Answers());
        listener = fresh;
        port = socket.getLocalPort();
        downAfter = -1;
        Thread.ofPlatform().daemon().name("smsc-accept-" + port).start(() -> accept(fresh));
        log.info("built-in SMSC listening on 127.0.0.1:{}", port);
        return this;
    }

    public int port() {
        return port;
    }

    private void accept(SMPPServerSessionListener server) {
        while (listener == server) {
            try {
                SMPPServerSession session = server.accept();
                Thread.ofVirtual().start(() -> bind(session));
            } catch (IOException e) {
                if (listener == server) {
                    log.debug("SMSC accept: {}", e.toString());
                }
                return;
            }
        }
    }

    private void bind(SMPPServerSession session) {
        try {
            BindRequest request = session.waitForBind(5_000);
            if (refuseBinds) {
                refusedBinds.incrementAndGet();
                request.reject(SMPPConstant.STAT_ESME_RBINDFAIL);
                return;
            }
            request.accept("smsc");
            sessions.put(session.getSessionId(), session);
            session.addSessionStateListener((now, before, source) -> {
                if (!now.isBound()) {
                    sessions.remove(session.getSessionId());
                }
            });
        } catch (Exception e) {
            log.debug("SMSC bind: {}", e.toString());
            session.close();
        }
    }

    /** Closes the listener and every session at once, answering nothing more (a crash, for the client). */
    public synchronized void stop() {
        SMPPServerSessionListener current = listener;
        listener = null;
        try {
            if (current != null) {
                current.close();
            }
        } catch (IOException e) {
            log.debug("SMSC stop: {}", e.toString());
        }
        sessions.values().forEach(SMPPServerSession::close);
        sessions.clear();
    }

    /** Refuse (or accept again) every bind. */
    public void refuseBinds(boolean refuse) {
        this.refuseBinds = refuse;
    }

    public int refusedBinds() {
        return refusedBinds.get();
    }

    /** Go down (as {@link #stop}) when the {@code n}-th submit from now arrives, without answering it. */
    public void goDownAfter(int n) {
        downAfter = submitsSeen.get() + n;
    }

    /** The receipt state for a destination (e.g. UNDELIV for a number that is switched off; null: no receipt). */
    public void receiptState(Function<String, String> stat) {
        this.stat = stat;
    }

    /** Log every message received (the demo: the newcomer reads the SMS, its link and code, in the log). */
    public void logMessages(boolean log) {
        this.logMessages = log;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public int sessionCount() {
        return sessions.size();
    }

    @Override
    public void close() {
        stop();
        receipts.shutdownNow();
    }

    private String nextId() {
        return Long.toHexString(ids.incrementAndGet());
    }

    /** Sends a receipt on a virtual thread once the receipt window has room. */
    private void receiptLater(SMPPServerSession session, SubmitSm submit, String messageId, Instant submitted,
            int triesLeft) {
        Thread.ofVirtual().name("smsc-receipt").start(() -> {
            try {
                receiptWindow.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                sendReceipt(session, submit, messageId, submitted, triesLeft);
            } finally {
                receiptWindow.release();
            }
        });
    }

    private void sendReceipt(SMPPServerSession session, SubmitSm submit, String messageId, Instant submitted,
            int triesLeft) {
        String state = stat.apply(submit.getDestAddress());
        if (state == null) {
            return; // this destination's receipts never come
        }
        String text = ReceiptText.format(messageId, state, submitted, clock.instant(), zone,
                "DELIVRD".equals(state) ? "000" : "001");
        SMPPServerSession target = session.getSessionState().isBound() ? session
                : sessions.values().stream().findFirst().orElse(null);
        try {
            if (target == null) {
                throw new IOException("no bound session");
            }
            target.deliverShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN,
                    submit.getDestAddress(), TypeOfNumber.valueOf(submit.getSourceAddrTon()),
                    NumberingPlanIndicator.valueOf(submit.getSourceAddrNpi()), submit.getSourceAddr(),
                    new ESMClass(MessageMode.DEFAULT, MessageType.SMSC_DEL_RECEIPT, GSMSpecificFeature.DEFAULT),
                    (byte) 0, (byte) 0, new RegisteredDelivery(0), GeneralDataCoding.DEFAULT,
                    text.getBytes(StandardCharsets.ISO_8859_1));
        } catch (Exception e) {
            if (triesLeft > 0 && !receipts.isShutdown()) {
                try {
                    receipts.schedule(() -> receiptLater(session, submit, messageId, submitted, triesLeft - 1), 500,
                            TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.RejectedExecutionException closed) {
                    log.debug("SMSC closed: the receipt of {} is dropped", messageId);
                }
            } else {
                log.warn("SMSC gave up the receipt of {}: {}", messageId, e.toString());
            }
        }
    }

    private final class Submits implements ServerMessageReceiverListener {

        @Override
        public SubmitSmResult onAcceptSubmitSm(SubmitSm submit, SMPPServerSession session)
                throws ProcessRequestException {
            int seen = submitsSeen.incrementAndGet();
            if (downAfter >= 0 && seen > downAfter) {
                stop();
                throw new ProcessRequestException("the SMSC is going down", SMPPConstant.STAT_ESME_RSYSERR);
            }
            try {
                String id = nextId();
                pending.put(id, new Pending(submit, clock.instant()));
                return new SubmitSmResult(new MessageId(id), null);
            } catch (Exception e) {
                throw new ProcessRequestException(e.getMessage(), SMPPConstant.STAT_ESME_RSYSERR);
            }
        }

        @Override
        public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("not supported", 0x03);
        }

        @Override
        public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", 0x03);
        }

        @Override
        public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", 0x03);
        }

        @Override
        public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", 0x03);
        }

        @Override
        public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("not supported", 0x03);
        }

        @Override
        public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("not supported", 0x03);
        }

        @Override
        public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm queryBroadcastSm,
                SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", 0x03);
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", 0x03);
        }
    }

    /** Once the answer to a submit is on the wire, the message counts as received and its receipt follows. */
    private final class Answers implements ServerResponseDeliveryListener {

        @Override
        public void onSubmitSmRespSent(SubmitSmResult result, SMPPServerSession session) {
            Pending answered = pending.remove(result.getMessageId());
            if (answered == null) {
                return;
            }
            SubmitSm submit = answered.submit();
            boolean udh = (submit.getEsmClass() & 0x40) != 0;
            String text = (submit.getDataCoding() & 0x0C) == 0x08 ? SmsSegments.text(submit.getShortMessage(), udh)
                    : new String(submit.getShortMessage(), StandardCharsets.ISO_8859_1);
            int part = udh && submit.getShortMessage().length > 5 ? submit.getShortMessage()[5] : 1;
            Received message = new Received(result.getMessageId(), submit.getDestAddress(), text,
                    submit.getDataCoding(), submit.getEsmClass(), part, answered.at());
            received.add(message);
            int total = udh && submit.getShortMessage().length > 5 ? submit.getShortMessage()[4] : 1;
            if (logMessages && part == total) {
                List<Received> mine = received.stream().filter(r -> r.destination().equals(message.destination()))
                        .toList();
                String whole = String.join("", mine.subList(Math.max(0, mine.size() - total), mine.size()).stream()
                        .map(Received::text).toList());
                log.info("built-in SMSC received for +{}{}: {}", message.destination(), message.flash() ? " (flash)" : "",
                        whole);
            }
            receiptLater(session, submit, result.getMessageId(), answered.at(), 10);
        }

        @Override
        public void onSubmitSmRespError(SubmitSmResult result, Exception e, SMPPServerSession session) {
            pending.remove(result.getMessageId());
            log.debug("SMSC could not answer {}: {}", result.getMessageId(), e.toString());
        }

        @Override
        public void onSubmitMultiRespSent(SubmitMultiResult result, SMPPServerSession session) {
        }

        @Override
        public void onSubmitMultiRespError(SubmitMultiResult result, Exception e, SMPPServerSession session) {
        }
    }
}
