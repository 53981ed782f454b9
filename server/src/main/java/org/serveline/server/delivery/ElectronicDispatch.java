package org.serveline.server.delivery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.serveline.server.court.CourtProperties;
import org.serveline.server.court.Courts;
import org.serveline.server.delivery.OutboxMessage.Kind;
import org.serveline.server.portal.IssuedLink;
import org.serveline.server.portal.PortalLinkReissued;
import org.serveline.server.portal.PortalLinks;
import org.serveline.server.task.PartyPhone;
import org.serveline.server.task.ServiceTask;
import org.serveline.server.task.ServiceTasks;
import org.serveline.server.task.TaskId;
import org.serveline.server.task.TaskState;
import org.serveline.server.task.TaskStateChanged;
import org.serveline.server.task.TaskStateChanges;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * When a task enters ELECTRONIC, issues its portal link and writes the message to the address the party consented
 * with, in the transaction of the move (the outbox row commits with the state change, or neither does). Also writes
 * the messages of a reissued link and of a fallback to the party's other electronic address.
 */
@Component
class ElectronicDispatch {

    private final ServiceTasks tasks;
    private final PortalLinks links;
    private final Outbox outbox;
    private final Courts courts;
    private final CourtProperties courtProperties;
    private final DeliveryProperties properties;

    ElectronicDispatch(ServiceTasks tasks, PortalLinks links, Outbox outbox, Courts courts,
            CourtProperties courtProperties, DeliveryProperties properties) {
        this.tasks = tasks;
        this.links = links;
        this.outbox = outbox;
        this.courts = courts;
        this.courtProperties = courtProperties;
        this.properties = properties;
    }

    @EventListener
    void on(TaskStateChanged change) {
        if (change.to() == TaskState.ELECTRONIC) {
            start(change.taskId());
        }
    }

    /** The tasks of a batch that entered ELECTRONIC, read with one query. */
    @EventListener
    void on(TaskStateChanges batch) {
        List<TaskId> ids = batch.changes().stream().filter(c -> c.to() == TaskState.ELECTRONIC)
                .map(TaskStateChanged::taskId).distinct().toList();
        if (ids.isEmpty()) {
            return;
        }
        Map<TaskId, ServiceTask> loaded = new HashMap<>();
        tasks.getAll(ids).forEach(task -> loaded.put(task.id(), task));
        ids.forEach(id -> start(loaded.containsKey(id) ? loaded.get(id) : tasks.get(id)));
    }

    @EventListener
    void on(PortalLinkReissued reissued) {
        ServiceTask task = tasks.get(reissued.link().taskId());
        outbox.supersede(task.id());
        List<OutboxMessage.State> usable = List.of(OutboxMessage.State.DELIVERED, OutboxMessage.State.SENT);
        String address = outbox.notices(task.id()).reversed().stream().filter(n -> usable.contains(n.state()))
                .map(n -> n.message().address()).findFirst()
                .orElseGet(() -> candidates(task).stream().findFirst().orElse(null));
        if (address != null) {
            send(task, address, reissued.link());
        }
    }

    private void start(TaskId id) {
        start(tasks.get(id));
    }

    private void start(ServiceTask task) {
        TaskId id = task.id();
        List<String> addresses = candidates(task);
        if (addresses.isEmpty()) {
            outbox.record(id, "DELIVERY_NO_ADDRESS", Map.of("why", "the task has no electronic address"));
            return;
        }
        send(task, addresses.getFirst(), links.issue(id, "system"));
    }

    /**
     * The party's electronic addresses in the order they are tried: the one captured with consent first, then the
     * e-mail address the clerk gave, then (when consent named an e-mail address) the party's first mobile number.
     */
    List<String> candidates(ServiceTask task) {
        Set<String> addresses = new LinkedHashSet<>();
        if (task.electronicAddress() != null && !task.electronicAddress().isBlank()) {
            addresses.add(task.electronicAddress());
        }
        if (task.party() != null && task.party().email() != null && !task.party().email().isBlank()) {
            addresses.add(task.party().email().strip());
        }
        task.phones().stream().filter(p -> p.status() != PartyPhone.PhoneStatus.BAD).map(PartyPhone::e164)
                .filter(n -> n.matches("\\+861[3-9]\\d{9}")).findFirst().ifPresent(addresses::add);
        return new ArrayList<>(addresses);
    }

    /** Writes the message(s) carrying {@code link} to one address: a flash SMS first where the court wants one. */
    void send(ServiceTask task, String address, IssuedLink link) {
        String courtName = courts.find(task.courtId()).map(c -> c.name()).orElse(task.courtId());
        String phone = courtProperties.courts().stream().filter(c -> c.id().equals(task.courtId())).findFirst()
                .map(CourtProperties.CourtSpec::publishedPhone).orElse(null);
        MessageTexts.Facts facts = new MessageTexts.Facts(courtName, task.caseNumber(),
                task.party() == null ? "当事人" : task.party().name(), link.url(), link.code(), phone);
        if (Medium.of(address) == Medium.SMS) {
            if (properties.sms().flashCourts().contains(task.courtId())) {
                outbox.queue(task.id(), Kind.FLASH, address, null, MessageTexts.flash(facts));
            }
            outbox.queue(task.id(), Kind.NOTICE, address, null, MessageTexts.sms(facts));
        } else {
            outbox.queue(task.id(), Kind.NOTICE, address,
                    MessageTexts.subject(properties.mail().subjectPrefix(), facts), MessageTexts.email(facts));
        }
    }
}
