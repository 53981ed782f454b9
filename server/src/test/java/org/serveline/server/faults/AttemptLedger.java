package org.serveline.server.faults;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.serveline.pbxsim.PbxSimulator;
import org.serveline.pbxsim.call.SimChannel;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What "0 lost, 0 duplicated" means, read from the database and from the PBX: an attempt is lost if its row never
 * reaches ENDED; a task is duplicated if it ever has two live attempts at once (in the database or on the PBX), or
 * more attempts than its campaign allows.
 */
public final class AttemptLedger {

    private final JdbcClient jdbc;
    private final long campaignId;
    private final Set<String> duplicates = new HashSet<>();

    public AttemptLedger(JdbcClient jdbc, long campaignId) {
        this.jdbc = jdbc;
        this.campaignId = campaignId;
    }

    /** Attempt rows of the campaign not ENDED. */
    public int unsettled() {
        return count("SELECT COUNT(*) FROM call_attempt WHERE campaign_id = :c AND state <> 'ENDED'");
    }

    public int attempts() {
        return count("SELECT COUNT(*) FROM call_attempt WHERE campaign_id = :c");
    }

    /**
     * Attempts settled FAILED: the only outcome an attempt row whose Originate never reached the PBX may have
     * (refused by a link that was down, or left unsent by a node that stopped and reconciled later).
     */
    public int failed() {
        return count("SELECT COUNT(*) FROM call_attempt WHERE campaign_id = :c AND outcome = 'FAILED'");
    }

    /**
     * Attempts where the party's keyed answer (consent, refusal, transfer, or keys that were no answer) was recorded
     * but the attempt settled with another outcome. A notice that only saw the line drop is no keyed answer: when the
     * PBX died under it, the attempt is a PBX_FAILURE.
     */
    public int answersOverruled() {
        return count("SELECT COUNT(*) FROM call_attempt WHERE campaign_id = :c AND state = 'ENDED' "
                + "AND notice_result IN ('CONSENTED', 'REFUSED', 'TRANSFERRED', 'NO_RESPONSE') "
                + "AND outcome <> notice_result");
    }

    /** Attempts settled PBX_FAILURE (the PBX died under them): they do not count against the party's attempts. */
    public int pbxFailures() {
        return count("SELECT COUNT(*) FROM call_attempt WHERE campaign_id = :c AND outcome = 'PBX_FAILURE'");
    }

    /** Attempts settled PBX_FAILURE whose evidence names the cause: the lost link or the vanished channel. */
    public int pbxFailuresWithTheirCause() {
        return count("SELECT COUNT(*) FROM call_attempt WHERE campaign_id = :c AND outcome = 'PBX_FAILURE' "
                + "AND (outcome_evidence LIKE '%link lost%' OR outcome_evidence LIKE '%channel vanished%')");
    }

    /** Tasks the campaign has dialled at least once that are still waiting for the phone channel. */
    public int tasksStillOnThePhone(List<Long> taskIds) {
        return jdbc.sql("SELECT COUNT(*) FROM service_task WHERE id IN (:ids) AND state IN ('APPROVED', 'PHONE')")
                .param("ids", taskIds).query(Integer.class).single();
    }

    /** The most attempts any one task of the campaign has spent (a PBX failure spends none). */
    public int maxAttemptsOfOneTask() {
        return count("SELECT COALESCE(MAX(n), 0) FROM (SELECT COUNT(*) AS n FROM call_attempt WHERE campaign_id = :c "
                + "AND (outcome IS NULL OR outcome <> 'PBX_FAILURE') GROUP BY task_id) t");
    }

    /**
     * Looks once for tasks with two live attempts, in the database and on the PBX (channels grouped by their
     * SERVELINE_TASK_ID); remembers every one seen. Call it often while the campaign runs.
     */
    public void sample(PbxSimulator simulator) {
        Map<String, Set<String>> attemptsByTask = new HashMap<>();
        for (SimChannel channel : simulator.channels()) {
            String task = channel.variable("SERVELINE_TASK_ID");
            String attempt = channel.variable("SERVELINE_ATTEMPT_ID");
            if (task != null && attempt != null) {
                attemptsByTask.computeIfAbsent(task, t -> new HashSet<>()).add(attempt);
            }
        }
        sample(attemptsByTask);
    }

    /** As {@link #sample(PbxSimulator)}, with the PBX's live attempts by task read elsewhere (another process). */
    public void sample(Map<String, Set<String>> liveAttemptsByTask) {
        duplicates.addAll(jdbc.sql("SELECT task_id FROM call_attempt WHERE campaign_id = :c AND state <> 'ENDED' "
                + "GROUP BY task_id HAVING COUNT(*) > 1").param("c", campaignId).query(String.class).list()
                .stream().map(task -> "db:task " + task).toList());
        liveAttemptsByTask.forEach((task, attempts) -> {
            if (attempts.size() > 1) {
                duplicates.add("pbx:task " + task + " " + attempts);
            }
        });
    }

    /** Every duplicate {@link #sample} saw. */
    public Set<String> duplicatesSeen() {
        return Set.copyOf(duplicates);
    }

    private int count(String sql) {
        return jdbc.sql(sql).param("c", campaignId).query(Integer.class).single();
    }
}
