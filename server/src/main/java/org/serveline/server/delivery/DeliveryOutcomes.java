package org.serveline.server.delivery;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.serveline.server.audit.AuditRecord;
import org.serveline.server.delivery.Outbox.Locked;
import org.serveline.server.delivery.Outbox.SegmentReceipt;
import org.serveline.server.delivery.OutboxMessage.Kind;
import org.serveline.server.delivery.OutboxMessage.State;
import org.serveline.server.delivery.internal.ReceiptText;
import org.serveline.server.portal.PortalLinks;
import org.serveline.server.portal.PortalOpened;
import org.serveline.server.task.IllegalTransitionException;
import org.serveline.server.task.MovedTasks;
import org.serveline.server.task.ServiceTask;
import org.serveline.server.task.ServiceTasks;
import org.serveline.server.task.TaskId;
import org.serveline.server.task.TaskLifecycle;
import org.serveline.server.task.TaskMove;
import org.serveline.server.task.TaskState;
import org.serveline.server.task.TaskTrigger;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a message's fate means for its task (CPL Art. 90): the SMSC's DELIVRD done date or the mail server's
 * acceptance is the service date and moves the task DELIVERED (→ SERVED) with the evidence; with the rule
 * PORTAL_FIRST_OPEN the party's first portal open does. A failed message brings the party's other electronic address
 * into play; when none is left the task moves CHANNEL_FAILED to the court's next channel. Each message is settled
 * once, under its row lock.
 */
@Component
class DeliveryOutcomes {

    /** The evidence keys of the DELIVERED move (the receipt reads them). */
    static final String CHANNEL = "channel";
    static final String SERVICE_DATE = "serviceDate";
    static final String SERVICE_DATE_RULE = "serviceDateRule";
    static final String ADDRESS = "address";
    static final String DELIVERY_RECEIPT = "deliveryReceipt";

    private final Outbox outbox;
    private final OutboxBulk bulk;
    private final ServiceTasks tasks;
    private final PortalLinks links;
    private final ElectronicDispatch dispatch;
    private final DeliveryProperties properties;
    private final Clock clock;
    private final DeliveryFailures failures;

    DeliveryOutcomes(Outbox outbox, OutboxBulk bulk, ServiceTasks tasks, PortalLinks links, ElectronicDispatch dispatch,
            DeliveryProperties properties, Clock clock, DeliveryFailures failures) {
        this.outbox = outbox;
        this.bulk = bulk;
        this.tasks = tasks;
        this.links = links;
        this.dispatch = dispatch;
        this.properties = properties;
        this.clock = clock;
        this.failures = failures;
    }

    /** An SMS the SMSC accepted but never reported on within the receipt timeout: failed, as an EXPIRED receipt. */
    @Transactional
    public void expire(long id) {
        Optional<Locked> locked = outbox.lock(id);
        if (locked.isEmpty() || locked.get().state() != State.SENT) {
            return;
        }
        String why = "no delivery receipt within " + properties.receiptTimeout();
        outbox.settle(locked.get().message(), State.FAILED, null, why);
        failed(locked.get().message(), "短信未收到送达回执（" + properties.receiptTimeout() + "）", why);
    }

    /**
     * Settles the SENT SMS messages among {@code ids} whose receipts have all come (or one of which failed), in one
     * transaction and a few statements for the batch: their rows locked in id order, their receipts read at once,
     * the DELIVERED ones updated and audited together; then each served task's move (its own evidence) and each
     * failure's consequences. Messages not SENT, or still waiting for a receipt, are left as they are.
     */
    @Transactional
    public void settleAll(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        List<OutboxMessage> open = bulk.lock(ids.stream().distinct().sorted().toList()).stream()
                .filter(l -> l.state() == State.SENT).map(Locked::message).toList();
        if (open.isEmpty()) {
            return;
        }
        Map<Long, List<SegmentReceipt>> receipts = bulk.receiptsOf(open.stream().map(OutboxMessage::id).toList());
        List<Delivery> delivered = new ArrayList<>();
        for (OutboxMessage message : open) {
            List<SegmentReceipt> mine = receipts.getOrDefault(message.id(), List.of());
            String summary = mine.stream().map(r -> r.text() == null ? "id:" + r.smscMessageId() + " (no receipt yet)"
                    : r.text()).collect(Collectors.joining(" | "));
            Optional<SegmentReceipt> failed = mine.stream().filter(r -> r.stat() != null && ReceiptText.failed(r.stat()))
                    .findFirst();
            if (failed.isPresent()) {
                outbox.settle(message, State.FAILED, null, "SMSC receipt " + failed.get().stat());
                failed(message, "短信未能送达（" + failed.get().stat() + "）", summary);
            } else if (!mine.isEmpty() && mine.stream().allMatch(r -> "DELIVRD".equals(r.stat()))) {
                Instant done = mine.stream().map(SegmentReceipt::doneAt).filter(Objects::nonNull)
                        .max(Comparator.naturalOrder()).orElseGet(this::now);
                delivered.add(new Delivery(message, done, summary));
            }
        }
        if (delivered.isEmpty()) {
            return;
        }
        bulk.delivered(delivered.stream().map(d -> d.message().id()).toList());
        bulk.recordAll(delivered.stream().map(d -> confirmation(d.message(), d.at(), "SMSC_DELIVERED", d.receipt()))
                .toList());
        List<Delivery> serving = delivered.stream().filter(d -> d.message().kind() == Kind.NOTICE
                && properties.serviceDateRule() == DeliveryProperties.ServiceDateRule.GATEWAY).toList();
        if (serving.isEmpty()) {
            return;
        }
        Map<TaskId, ServiceTask> loaded = tasks.getAll(serving.stream().map(d -> d.message().taskId()).distinct()
                .toList()).stream().collect(Collectors.toMap(ServiceTask::id, t -> t));
        // each task served once, by its first message delivered (as one by one: the second found it SERVED)
        Map<TaskId, TaskMove> moves = new LinkedHashMap<>();
        Map<TaskId, Delivery> by = new HashMap<>();
        for (Delivery d : serving) {
            ServiceTask task = loaded.get(d.message().taskId());
            if (task != null && task.state() == TaskState.ELECTRONIC && !moves.containsKey(task.id())) {
                moves.put(task.id(), new TaskMove(task, servedEvidence(d.at(), "SMSC_DELIVERED",
                        d.message().address(), d.receipt())));
                by.put(task.id(), d);
            }
        }
        // all in one transaction with one audit appendAll; a task changed since it was loaded is decided alone
        MovedTasks moved = tasks.moveEach(List.copyOf(moves.values()), TaskTrigger.DELIVERED, "system");
        moved.changedMeanwhile().stream().map(by::get).forEach(d -> serve(d.message().taskId(), d.at(),
                "SMSC_DELIVERED", d.message().address(), d.receipt()));
    }

    private record Delivery(OutboxMessage message, Instant at, String receipt) {
    }

    /** The mail server accepted the e-mail: that acceptance is the service date. */
    @Transactional
    public void mailAccepted(OutboxMessage message, String reply) {
        Optional<Locked> locked = outbox.lock(message.id());
        if (locked.isEmpty() || locked.get().state() != State.PENDING) {
            return;
        }
        outbox.settle(message, State.DELIVERED, reply, null);
        delivered(message, now(), "MAIL_ACCEPTED", reply);
    }

    /** The gateway refused the message for good (SMTP 5xx, a refused submit) or the attempts ran out. */
    @Transactional
    public void refused(OutboxMessage message, String why) {
        Optional<Locked> locked = outbox.lock(message.id());
        if (locked.isEmpty() || locked.get().state() == State.DELIVERED || locked.get().state() == State.SUPERSEDED) {
            return;
        }
        if (locked.get().state() != State.FAILED) {
            outbox.settle(message, State.FAILED, message.medium() == Medium.EMAIL ? why : null, why);
        }
        failed(message, message.medium() == Medium.EMAIL ? "邮件被拒收（" + why + "）" : "短信被拒绝（" + why + "）", why);
    }

    /** The party opened the portal: with the rule PORTAL_FIRST_OPEN, the first open is the service date. */
    @EventListener
    void on(PortalOpened opened) {
        if (!opened.first() || properties.serviceDateRule() != DeliveryProperties.ServiceDateRule.PORTAL_FIRST_OPEN) {
            return;
        }
        List<Locked> notices = outbox.notices(opened.taskId());
        Optional<Locked> reached = notices.reversed().stream()
                .filter(n -> n.state() == State.DELIVERED || n.state() == State.SENT).findFirst();
        String address = reached.map(n -> n.message().address()).orElse("portal");
        String receipt = reached.flatMap(n -> outbox.reply(n.message().id())).orElse("") + " | portal opened from "
                + opened.clientAddress();
        serve(opened.taskId(), opened.at(), "PORTAL_FIRST_OPEN", address, receipt);
    }

    private void delivered(OutboxMessage message, Instant at, String rule, String receipt) {
        bulk.recordAll(List.of(confirmation(message, at, rule, receipt)));
        if (message.kind() == Kind.NOTICE
                && properties.serviceDateRule() == DeliveryProperties.ServiceDateRule.GATEWAY) {
            serve(message.taskId(), at, rule, message.address(), receipt);
        }
    }

    private static AuditRecord confirmation(OutboxMessage message, Instant at, String rule, String receipt) {
        return OutboxBulk.record(message.taskId(), "DELIVERY_CONFIRMED", Map.of("message", message.id(), "kind",
                message.kind().name(), "address", message.address(), "serviceDate", at.toString(), "rule", rule,
                "deliveryReceipt", receipt));
    }

    private void serve(TaskId id, Instant at, String rule, String address, String receipt) {
        serve(tasks.get(id), at, rule, address, receipt);
    }

    private void serve(ServiceTask task, Instant at, String rule, String address, String receipt) {
        if (task == null || task.state() != TaskState.ELECTRONIC) {
            return;
        }
        tasks.move(task, TaskTrigger.DELIVERED, "system", null, servedEvidence(at, rule, address, receipt));
    }

    /** The evidence of the DELIVERED move: the service date and how it was established (the receipt reads it). */
    private static Map<String, Object> servedEvidence(Instant at, String rule, String address, String receipt) {
        Map<String, Object> evidence = new HashMap<>();
        evidence.put(CHANNEL, "ELECTRONIC");
        evidence.put(SERVICE_DATE, at.truncatedTo(ChronoUnit.MICROS).toString());
        evidence.put(SERVICE_DATE_RULE, rule);
        evidence.put(ADDRESS, address);
        evidence.put(DELIVERY_RECEIPT, receipt == null ? "" : receipt);
        return evidence;
    }

    private void failed(OutboxMessage message, String why, String receipt) {
        failures.failed(message);
        outbox.record(message.taskId(), "DELIVERY_FAILED", Map.of("message", message.id(), "kind",
                message.kind().name(), "address", message.address(), "why", why,
                "deliveryReceipt", receipt == null ? "" : receipt));
        if (message.kind() != Kind.NOTICE) {
            return;
        }
        ServiceTask task = tasks.get(message.taskId());
        if (task.state() != TaskState.ELECTRONIC) {
            return;
        }
        List<Locked> notices = outbox.notices(task.id());
        boolean live = notices.stream().anyMatch(n -> n.message().id() != message.id()
                && (n.state() == State.PENDING || n.state() == State.SENT || n.state() == State.DELIVERED));
        if (live) {
            return;
        }
        List<String> tried = notices.stream().map(n -> n.message().address()).distinct().toList();
        Optional<String> next = dispatch.candidates(task).stream().filter(a -> !tried.contains(a)).findFirst();
        if (next.isPresent()) {
            dispatch.send(task, next.get(), links.replace(task.id(), "system"));
            return;
        }
        Map<String, Object> evidence = new HashMap<>();
        evidence.put(CHANNEL, "ELECTRONIC");
        evidence.put("addressesTried", tried);
        evidence.put(DELIVERY_RECEIPT, receipt == null ? "" : receipt);
        try {
            TaskLifecycle.next(task.state(), TaskTrigger.CHANNEL_FAILED, task.channelChain());
        } catch (IllegalTransitionException e) {
            outbox.record(task.id(), "DELIVERY_NO_NEXT_CHANNEL", Map.of("why", e.getMessage()));
            return;
        }
        tasks.move(task, TaskTrigger.CHANNEL_FAILED, "system", "电子送达失败：" + why, evidence);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
