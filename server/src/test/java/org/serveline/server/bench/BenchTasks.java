package org.serveline.server.bench;

import java.time.LocalDate;
import java.util.List;
import org.serveline.server.faults.ServerNode;
import org.serveline.server.intake.PartyRequest;
import org.serveline.server.intake.TaskIntake;
import org.serveline.server.intake.TaskRequest;
import org.serveline.server.task.PartyRole;
import org.serveline.server.task.Priority;
import org.serveline.server.task.ServiceTask;
import org.serveline.server.task.ServiceTasks;
import org.serveline.server.task.TaskTrigger;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Makes N approved tasks quickly. One template task goes through the server's own services (TaskIntake.submit,
 * then APPROVE: the checks, rows and audit events of the REST API); the other N-1 are copies of its rows made
 * by direct SQL ({@code INSERT ... SELECT} over MariaDB's sequence engine), each with its own phone number. The
 * copies have no audit events of their own creation. They share one case, party name and document, so the
 * notice is rendered by espeak-ng once, not once per task.
 */
final class BenchTasks {

    private static final String TASK_COLUMNS = "court_id, case_id, case_number, batch_id, state, channel_chain, "
            + "priority, deadline, hearing_date, party_role, party_name, party_email, party_address, "
            + "party_time_zone, created_by, created_at, updated_at, version";

    private BenchTasks() {
    }

    /** National number of the i-th party (1-based); the simulator answers every number with its default party. */
    static String number(long i) {
        return String.format("139%08d", i);
    }

    static List<Long> create(ServerNode node, int count, String documentId) {
        PartyRequest party = new PartyRequest(PartyRole.DEFENDANT, "压测当事人", "00000001", List.of("+86" + number(1)),
                null, "乌海市海南区人民路1号", null);
        ServiceTask template = node.bean(TaskIntake.class).submit(new TaskRequest("NMG0303",
                "(2026)内0303民初" + System.currentTimeMillis() % 100_000 + "号", null, party, List.of(documentId),
                Priority.NORMAL, null, LocalDate.of(2027, 1, 15)), "bench");
        node.bean(ServiceTasks.class).move(template.id(), TaskTrigger.APPROVE, "bench", null);
        long templateId = template.id().value();
        if (count > 1) {
            JdbcClient jdbc = node.jdbc();
            // party_id_number carries the copy's sequence number, so its phone row can be made from it
            jdbc.sql("INSERT INTO service_task (" + TASK_COLUMNS + ", party_id_number) SELECT " + TASK_COLUMNS
                    + ", LPAD(s.seq, 8, '0') FROM service_task, seq_2_to_" + count + " s WHERE id = :t")
                    .param("t", templateId).update();
            jdbc.sql("""
                    INSERT INTO party_phone (service_task, service_task_key, e164, status)
                    SELECT c.id, p.service_task_key, CONCAT('+86139', c.party_id_number), p.status
                    FROM service_task c JOIN party_phone p ON p.service_task = :t
                    WHERE c.case_id = :case AND c.id <> :t""")
                    .param("t", templateId).param("case", template.caseId()).update();
            jdbc.sql("""
                    INSERT INTO task_document (service_task, service_task_key, document_id)
                    SELECT c.id, d.service_task_key, d.document_id
                    FROM service_task c JOIN task_document d ON d.service_task = :t
                    WHERE c.case_id = :case AND c.id <> :t""")
                    .param("t", templateId).param("case", template.caseId()).update();
        }
        return node.jdbc().sql("SELECT id FROM service_task WHERE case_id = :case ORDER BY id")
                .param("case", template.caseId()).query(Long.class).list();
    }
}
