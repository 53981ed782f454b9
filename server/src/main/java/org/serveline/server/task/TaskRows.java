package org.serveline.server.task;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The hot paths of the task aggregate in plain SQL: loading tasks (three queries for any number of them) and
 * saving a change of the root row alone, with the same optimistic version check and the same events as the
 * repository's save. The dialer and the notice read and move a task several times per call; the generic
 * aggregate mapping rewrote every phone and document row on each move and built its SQL anew each time.
 */
@Component
class TaskRows {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    TaskRows(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** The tasks with these ids (missing ids are left out), in no particular order. */
    List<ServiceTask> load(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, List<PartyPhone>> phones = new HashMap<>();
        jdbc.sql("SELECT service_task, e164, status FROM party_phone WHERE service_task IN (:ids) "
                        + "ORDER BY service_task, service_task_key").param("ids", ids)
                .query(rs -> {
                    phones.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new PartyPhone(rs.getString(2),
                            PartyPhone.PhoneStatus.valueOf(rs.getString(3))));
                });
        Map<Long, List<TaskDocument>> documents = new HashMap<>();
        jdbc.sql("SELECT service_task, document_id FROM task_document WHERE service_task IN (:ids) "
                        + "ORDER BY service_task, service_task_key").param("ids", ids)
                .query(rs -> {
                    documents.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new TaskDocument(rs.getString(2)));
                });
        return jdbc.sql(SELECT + " WHERE id IN (:ids)").param("ids", ids)
                .query((rs, n) -> map(rs, phones.getOrDefault(rs.getLong("id"), List.of()),
                        documents.getOrDefault(rs.getLong("id"), List.of())))
                .list();
    }

    /**
     * Saves what a move changes on the root row (state, reasons, electronic address, time) if nobody saved the
     * task since it was loaded, then publishes the task's pending events in the caller's transaction.
     */
    void saveRoot(ServiceTask task) {
        saveSameOutcome(List.of(task));
        task.savedAsNextVersion();
        task.takeEvents().forEach(events::publishEvent);
    }

    /**
     * Saves the root rows of tasks that each made one move, one UPDATE per distinct outcome (state, reasons,
     * address) with every task's version checked; publishes their moves as one {@link TaskStateChanges}.
     */
    void saveRoots(List<ServiceTask> tasks) {
        Map<List<Object>, List<ServiceTask>> byOutcome = new LinkedHashMap<>();
        tasks.forEach(t -> byOutcome.computeIfAbsent(Arrays.asList(t.state(), t.returnReason(), t.cancelReason(),
                t.electronicAddress(), t.updatedAt()), k -> new ArrayList<>()).add(t));
        byOutcome.values().forEach(this::saveSameOutcome);
        List<TaskStateChanged> changes = new ArrayList<>();
        for (ServiceTask task : tasks) {
            task.savedAsNextVersion();
            for (Object event : task.takeEvents()) {
                if (event instanceof TaskStateChanged change) {
                    changes.add(change);
                } else {
                    events.publishEvent(event);
                }
            }
        }
        events.publishEvent(new TaskStateChanges(changes));
    }

    /**
     * Locks the rows of these tasks for the caller's transaction (one read, in id order, the order every batch locks
     * them in) and names those still in the state and version the caller loaded them in.
     */
    Set<TaskId> lockUnchanged(List<ServiceTask> tasks) {
        Map<Long, ServiceTask> loaded = new HashMap<>();
        tasks.forEach(t -> loaded.put(t.id().value(), t));
        Set<TaskId> unchanged = new HashSet<>();
        jdbc.sql("SELECT id, state, version FROM service_task WHERE id IN (:ids) ORDER BY id FOR UPDATE")
                .param("ids", loaded.keySet().stream().sorted().toList())
                .query(rs -> {
                    ServiceTask task = loaded.get(rs.getLong(1));
                    if (task.state().name().equals(rs.getString(2)) && task.version() == rs.getInt(3)) {
                        unchanged.add(task.id());
                    }
                });
        return unchanged;
    }

    /**
     * Saves the root rows of tasks that each made one move by {@link ServiceTask#apply} (state, reasons, time: never
     * the electronic address, which no such move changes), one UPDATE per (from, to, reasons) for the whole batch,
     * each row guarded by its from-state and version; publishes their moves as one {@link TaskStateChanges}.
     */
    void saveMoves(List<ServiceTask> tasks, Map<TaskId, TaskState> from) {
        Map<List<Object>, List<ServiceTask>> byOutcome = new LinkedHashMap<>();
        tasks.forEach(t -> byOutcome.computeIfAbsent(Arrays.asList(from.get(t.id()), t.state(), t.returnReason(),
                t.cancelReason(), t.updatedAt()), k -> new ArrayList<>()).add(t));
        byOutcome.forEach((outcome, same) -> {
            ServiceTask first = same.getFirst();
            String versions = same.stream().map(t -> "(" + t.id().value() + ", " + t.version() + ")")
                    .collect(Collectors.joining(", "));
            int updated = jdbc.sql("""
                    UPDATE service_task SET state = :state, return_reason = :returnReason, cancel_reason = :cancelReason,
                           updated_at = :updatedAt, version = version + 1
                     WHERE id IN (:ids) AND state = :from AND (id, version) IN (""" + versions + ")")
                    .param("ids", same.stream().map(t -> t.id().value()).toList())
                    .param("from", ((TaskState) outcome.getFirst()).name()).param("state", first.state().name())
                    .param("returnReason", first.returnReason()).param("cancelReason", first.cancelReason())
                    .param("updatedAt", Timestamp.from(first.updatedAt())).update();
            if (updated != same.size()) {
                throw new OptimisticLockingFailureException((same.size() - updated) + " of " + same.size()
                        + " tasks were changed by someone else meanwhile");
            }
        });
        List<TaskStateChanged> changes = new ArrayList<>();
        for (ServiceTask task : tasks) {
            task.savedAsNextVersion();
            for (Object event : task.takeEvents()) {
                if (event instanceof TaskStateChanged change) {
                    changes.add(change);
                } else {
                    events.publishEvent(event);
                }
            }
        }
        events.publishEvent(new TaskStateChanges(changes));
    }

    /**
     * The {@code id IN} gives MariaDB a primary-key range, so the UPDATE locks only these rows: with the row-value
     * IN alone, two operators saving one task each at the same moment deadlocked (OperatorIntegrationTests).
     */
    private void saveSameOutcome(List<ServiceTask> tasks) {
        ServiceTask first = tasks.getFirst();
        String versions = tasks.stream().map(t -> "(" + t.id().value() + ", " + t.version() + ")")
                .collect(Collectors.joining(", "));
        int updated = jdbc.sql("""
                UPDATE service_task SET state = :state, return_reason = :returnReason, cancel_reason = :cancelReason,
                       electronic_address = :address, updated_at = :updatedAt, version = version + 1
                 WHERE id IN (:ids) AND (id, version) IN (""" + versions + ")")
                .param("ids", tasks.stream().map(t -> t.id().value()).toList()).param("state", first.state().name()).param("returnReason", first.returnReason())
                .param("cancelReason", first.cancelReason()).param("address", first.electronicAddress())
                .param("updatedAt", Timestamp.from(first.updatedAt())).update();
        if (updated != tasks.size()) {
            throw new OptimisticLockingFailureException(tasks.size() == 1
                    ? "task " + first.id() + " was changed by someone else meanwhile"
                    : (tasks.size() - updated) + " of " + tasks.size() + " tasks were changed by someone else meanwhile");
        }
    }

    private static final String SELECT = """
            SELECT id, court_id, case_id, case_number, batch_id, state, channel_chain, priority, deadline, hearing_date,
                   hearing_time, return_reason, cancel_reason, electronic_address, party_role, party_name, party_id_number,
                   party_email, party_address, party_time_zone, created_by, created_at, updated_at, version
              FROM service_task""";

    private static ServiceTask map(ResultSet rs, List<PartyPhone> phones, List<TaskDocument> documents)
            throws SQLException {
        Party party = new Party(PartyRole.valueOf(rs.getString("party_role")), rs.getString("party_name"),
                rs.getString("party_id_number"), rs.getString("party_email"), rs.getString("party_address"),
                rs.getString("party_time_zone"));
        return new ServiceTask(rs.getLong("id"), rs.getString("court_id"), rs.getLong("case_id"),
                rs.getString("case_number"), rs.getObject("batch_id", Long.class),
                TaskState.valueOf(rs.getString("state")), rs.getString("channel_chain"),
                Priority.valueOf(rs.getString("priority")), date(rs.getDate("deadline")),
                date(rs.getDate("hearing_date")), rs.getString("return_reason"), rs.getString("cancel_reason"),
                rs.getString("electronic_address"), party, phones, documents, rs.getString("created_by"),
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")), rs.getInt("version"),
                rs.getObject("hearing_time", java.time.LocalTime.class));
    }

    private static LocalDate date(Date date) {
        return date == null ? null : date.toLocalDate();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
