package org.serveline.server.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;
import org.serveline.server.delivery.BuiltInSmsc;
import org.serveline.server.delivery.internal.SmsSegments;
import org.serveline.server.faults.ServerNode;
import org.serveline.server.task.ServiceTasks;
import org.serveline.server.task.TaskId;
import org.serveline.server.task.TaskTrigger;
import org.serveline.server.testsupport.TaskFixtures;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Not a test: N consented tasks are sent through the outbox (the real server, embedded MariaDB, SMPP over loopback)
 * to the in-process SMSC, and in the same run a bare jSMPP client loop sends N messages of the same length to the
 * same SMSC with the same window. Both rates are counted at the SMSC (first to last answered submit, whole messages
 * per second). Each side is measured after a warm-up of M tasks, resp. M bare messages (the JIT compiler otherwise
 * spends a third of the outbox phase's CPU compiling what the bare loop, run second, finds compiled); the bare loop's
 * rate is the median of three runs. Last line:
 * {@code outbox_msgs_per_s=<x> bare_msgs_per_s=<y> ratio=<r> lost=<n> sent_twice=<n>}.
 * Run by {@code bench/outbox [--tasks N] [--window W] [--warmup M]}.
 */
public final class OutboxBenchmark {

    private static final int BARE_RUNS = 3;

    private OutboxBenchmark() {
    }

    public static void main(String[] args) {
        try {
            System.out.println(measure(args));
            System.exit(0);
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1); // the server's and the SMSC's threads would keep a failed run alive
        }
    }

    private static String measure(String[] args) throws Exception {
        int tasks = 10_000;
        int window = 20;
        int warmup = 10_000;
        String generalLog = null; // a file: MariaDB logs every statement of the outbox phase there (profiling)
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--tasks" -> tasks = Integer.parseInt(args[i + 1]);
                case "--window" -> window = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--general-log" -> generalLog = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (use --tasks N --window W --warmup M --general-log FILE)");
            }
        }
        BuiltInSmsc smsc = new BuiltInSmsc(Clock.systemUTC(), ZoneId.of("UTC")).start(0);
        String figures;
        try {
            smsc.refuseBinds(true); // the outbox fills first; nothing leaves until the SMSC accepts the bind
            Map<String, String> properties = new java.util.LinkedHashMap<>();
            properties.put("serveline.embedded-db.schema", "serveline_bench_outbox");
            properties.put("serveline.delivery.sms.host", "127.0.0.1");
            properties.put("serveline.delivery.sms.port", Integer.toString(smsc.port()));
            properties.put("serveline.delivery.sms.window", Integer.toString(window));
            properties.put("serveline.delivery.sms.reconnect-min", "PT0.2S");
            properties.put("serveline.delivery.sms.reconnect-max", "PT0.2S");
            properties.put("serveline.delivery.tick", "PT0.02S");
            properties.put("logging.level.root", "WARN");
            properties.put("logging.level.org.jsmpp", "OFF"); // it logs every refused bind as an error
            properties.put("logging.level.org.serveline.server.delivery.internal.SmppClient", "ERROR"); // so do we
            ServerNode node = ServerNode.start(properties);
            Outcome outbox;
            try {
                outbox = run(node, smsc, tasks, warmup, generalLog);
            } finally {
                node.close(); // the bare loop runs beside no server: no receipt PDF still rendering steals its CPU
            }
            if (warmup > 0) {
                bareLoop(smsc, warmup, window, outbox.sample(), "bare jSMPP loop, warm-up");
            }
            // the bare loop is latency-bound (a round trip per place in the window) and swings with the VM's
            // scheduling from run to run: the median of three runs is the figure
            List<Double> bareRates = new ArrayList<>();
            for (int run = 1; run <= BARE_RUNS; run++) {
                bareRates.add(bareLoop(smsc, tasks, window, outbox.sample(), "bare jSMPP loop, run " + run));
            }
            log("bare jSMPP loop rates: %s msgs/s", bareRates.stream().map(r -> String.format(Locale.ROOT, "%.1f", r))
                    .collect(Collectors.joining(", ")));
            double bareRate = bareRates.stream().sorted().toList().get(BARE_RUNS / 2);
            figures = String.format(Locale.ROOT,
                    "outbox_msgs_per_s=%.1f bare_msgs_per_s=%.1f ratio=%.2f lost=%d sent_twice=%d",
                    outbox.rate(), bareRate, outbox.rate() / bareRate, outbox.lost(), outbox.sentTwice());
        } finally {
            smsc.close();
        }
        return figures;
    }

    private record Outcome(double rate, long lost, long sentTwice, String sample) {
    }

    private static Outcome run(ServerNode node, BuiltInSmsc smsc, int count, int warmup, String generalLog)
            throws Exception {
        JdbcClient jdbc = node.jdbc();
        String document = new TaskFixtures(node.port()).uploadDocument();
        if (warmup > 0) {
            warmUp(node, smsc, warmup, document, count);
        }
        int before = smsc.received().size();
        long t0 = System.nanoTime();
        List<Long> ids = BenchTasks.create(node, count, document);
        consent(node, ids, 0);
        log("%d tasks consented (outbox rows written with the move) in %.1f s", ids.size(), seconds(t0));
        String sample = jdbc.sql("SELECT body FROM delivery_outbox WHERE kind = 'NOTICE' AND body IS NOT NULL "
                + "ORDER BY id LIMIT 1").query(String.class).single();

        if (generalLog != null) {
            jdbc.sql("SET GLOBAL general_log_file = :file").param("file", generalLog).update();
            jdbc.sql("SET GLOBAL general_log = ON").update();
        }
        PhaseCost outboxCost = PhaseCost.start(jdbc);
        smsc.refuseBinds(false);
        long start = System.nanoTime();
        long deadline = start + Duration.ofMinutes(30).toNanos();
        long served = 0;
        while (System.nanoTime() < deadline) {
            served = served(jdbc, ids);
            long sent = jdbc.sql("SELECT COUNT(*) FROM delivery_outbox WHERE state IN ('SENT', 'DELIVERED')")
                    .query(Long.class).single();
            log("t=%6.1fs sent=%6d served=%6d", seconds(start), sent, served);
            if (served == ids.size()) {
                break;
            }
            Thread.sleep(2000); // a sampling period, not a wait for a condition
        }
        List<BuiltInSmsc.Received> all = smsc.received();
        List<BuiltInSmsc.Received> outboxSide = all.subList(before, all.size());
        double outboxRate = rate(outboxSide, SmsSegments.split(sample, 0).size());
        log("outbox: %d parts at the SMSC, all %d tasks SERVED after %.1f s", outboxSide.size(), served, seconds(start));
        long pdfsDuring = receipts(jdbc, ids);
        if (generalLog != null) {
            jdbc.sql("SET GLOBAL general_log = OFF").update();
        }
        log("%s", outboxCost.perUnit("outbox (send, receipts, SERVED; with " + pdfsDuring
                + " receipt PDFs rendered beside it)", ids.size()));
        // the receipt PDFs (送达回证) that SERVED sets off are the receipt feature's work, not the outbox's: their cost
        // per PDF, over one minute of rendering, lets the reader take them out of the figure above
        PhaseCost pdfCost = PhaseCost.start(jdbc);
        long pdfsBefore = pdfsDuring;
        long pdfs = pdfsBefore;
        for (long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                System.nanoTime() < until && pdfs < ids.size(); pdfs = receipts(jdbc, ids)) {
            Thread.sleep(1000); // a sampling period
        }
        log("%s", pdfCost.perUnit("receipt PDF (" + (pdfs - pdfsBefore) + " rendered after SERVED, per PDF)",
                pdfs - pdfsBefore));

        Map<String, Long> perPart = outboxSide.stream().collect(Collectors.groupingBy(r -> r.destination() + "/" + r.part(),
                Collectors.counting()));
        long sentTwice = perPart.values().stream().filter(n -> n > 1).count();
        long lost = ids.size() - served;
        long notSent = jdbc.sql("SELECT COUNT(*) FROM delivery_outbox WHERE state NOT IN ('SENT', 'DELIVERED')")
                .query(Long.class).single();
        log("lost=%d (tasks not SERVED; outbox rows not sent %d) parts sent twice=%d", lost, notSent, sentTwice);
        return new Outcome(outboxRate, lost, sentTwice, sample);
    }

    /**
     * The same path run once before it is measured, as the bare loop runs on classes the outbox phase already
     * compiled: {@code n} tasks (their own numbers) sent and SERVED; then the SMSC drops the bind and refuses the
     * next ones, so the measured tasks fill the outbox before anything leaves, as without a warm-up.
     */
    private static void warmUp(ServerNode node, BuiltInSmsc smsc, int n, String document, int numbersFrom)
            throws Exception {
        long t0 = System.nanoTime();
        List<Long> ids = BenchTasks.create(node, n, document);
        consent(node, ids, numbersFrom);
        smsc.refuseBinds(false);
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        long served = 0;
        while (served < ids.size() && System.nanoTime() < deadline) {
            Thread.sleep(500); // a sampling period
            served = served(node.jdbc(), ids);
        }
        if (served < ids.size()) {
            throw new IllegalStateException("warm-up: only " + served + " of " + ids.size() + " tasks SERVED");
        }
        smsc.refuseBinds(true);
        smsc.stop();
        smsc.start(smsc.port());
        log("warm-up: %d tasks consented, sent and SERVED in %.1f s (not measured)", n, seconds(t0));
    }

    private static long served(JdbcClient jdbc, List<Long> ids) {
        return jdbc.sql("SELECT COUNT(*) FROM service_task WHERE id IN (:ids) AND state = 'SERVED'").param("ids", ids)
                .query(Long.class).single();
    }

    private static long receipts(JdbcClient jdbc, List<Long> ids) {
        return jdbc.sql("SELECT COUNT(*) FROM receipt WHERE task_id IN (:ids)").param("ids", ids).query(Long.class)
                .single();
    }

    /** Moves the approved tasks to PHONE and through consent, 250 per transaction, as the dialer would. */
    private static void consent(ServerNode node, List<Long> ids, int numbersFrom) {
        ServiceTasks tasks = node.bean(ServiceTasks.class);
        TransactionTemplate transactions = node.bean(TransactionTemplate.class);
        for (int from = 0; from < ids.size(); from += 250) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 250));
            int offset = numbersFrom + from;
            transactions.executeWithoutResult(tx -> {
                for (int i = 0; i < chunk.size(); i++) {
                    TaskId id = new TaskId(chunk.get(i));
                    tasks.move(id, TaskTrigger.DISPATCH, "bench", null);
                    tasks.consent(id, "+86" + BenchTasks.number(offset + i + 1), "bench", Map.of("bench", true));
                }
            });
        }
    }

    /** The same number of messages of the same text, W at a time, through one bare jSMPP session. */
    private static double bareLoop(BuiltInSmsc smsc, int count, int window, String text, String what)
            throws Exception {
        int before = smsc.received().size();
        SMPPSession session = new SMPPSession();
        session.setTransactionTimer(10_000);
        session.setMessageReceiverListener(new org.jsmpp.session.MessageReceiverListener() {
            @Override
            public void onAcceptDeliverSm(org.jsmpp.bean.DeliverSm deliverSm) {
            }

            @Override
            public void onAcceptAlertNotification(org.jsmpp.bean.AlertNotification alertNotification) {
            }

            @Override
            public org.jsmpp.session.DataSmResult onAcceptDataSm(org.jsmpp.bean.DataSm dataSm,
                    org.jsmpp.session.Session source) {
                return null;
            }
        });
        session.connectAndBind("127.0.0.1", smsc.port(), new BindParameter(BindType.BIND_TRX, "bare", "", "",
                TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null), 10_000);
        PhaseCost cost = PhaseCost.start(null);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < window; w++) {
                threads.execute(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        String destination = String.format("86137%08d", i + 1);
                        for (SmsSegments.Segment segment : SmsSegments.split(text, i & 0xFF)) {
                            try {
                                session.submitShortMessage("", TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN,
                                        "12368", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, destination,
                                        new ESMClass(MessageMode.DEFAULT, MessageType.DEFAULT, segment.udh()
                                                ? GSMSpecificFeature.UDHI : GSMSpecificFeature.DEFAULT),
                                        (byte) 0, (byte) 1, null, null,
                                        new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE), (byte) 0,
                                        new GeneralDataCoding(Alphabet.ALPHA_UCS2), (byte) 0, segment.shortMessage());
                            } catch (Exception e) {
                                failed.incrementAndGet();
                            }
                        }
                    }
                });
            }
        }
        session.unbindAndClose();
        List<BuiltInSmsc.Received> all = smsc.received();
        List<BuiltInSmsc.Received> bare = all.subList(before, all.size());
        log("%s: %d parts at the SMSC, %d submits failed", what, bare.size(), failed.get());
        log("%s", cost.perUnit(what + " (no server running)", count));
        return rate(bare, SmsSegments.split(text, 0).size());
    }

    /** Whole messages per second at the SMSC, first to last answered part. */
    private static double rate(List<BuiltInSmsc.Received> parts, int partsPerMessage) {
        Instant first = parts.stream().map(BuiltInSmsc.Received::at).min(Instant::compareTo).orElseThrow();
        Instant last = parts.stream().map(BuiltInSmsc.Received::at).max(Instant::compareTo).orElseThrow();
        double seconds = Math.max(1e-3, Duration.between(first, last).toNanos() / 1e9);
        return parts.size() / (double) partsPerMessage / seconds;
    }

    private static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[bench] " + format + "%n", args);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

}
