package org.serveline.server.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.serveline.pbxsim.PbxSimulator;
import org.serveline.pbxsim.SimulatorConfig;
import org.serveline.pbxsim.party.PartyBehaviour;
import org.serveline.server.testsupport.TaskFixtures;

/**
 * The server stops mid-campaign with calls live (its Spring context closed: dialer, AMI link and FastAGI gone)
 * and another node starts on the same database and PBX: it reconciles the first node's attempts with the PBX,
 * settles them, and finishes the campaign — none lost, none dialled twice. Private schema.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ServerRestartIntegrationTests {

    @TempDir
    Path spool;

    private PbxSimulator simulator;
    private ServerNode node;

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void aNodeStartedAfterACrashSettlesTheOldNodesAttemptsAndFinishesTheCampaign() {
        simulator = new PbxSimulator(SimulatorConfig.builder().timeScale(0.3).spoolDir(spool)
                .party("13800005001", PartyBehaviour.noAnswer()).party("13800005002", PartyBehaviour.busy())
                .defaultParty(PartyBehaviour.consent())
                // ids on every listing (manager.conf channelvars): without them the stopping node's last
                // reconciliation may take a Getvar lost at shutdown for a hung-up call (see AmiDropIntegrationTests)
                .amiChannelVars(List.of("SERVELINE_ATTEMPT_ID", "SERVELINE_TASK_ID")).build());
        simulator.start();
        String schema = "serveline_fault_restart";
        node = ServerNode.start(PhoneCampaign.quickDialer(ServerNode.dialling(simulator, schema, "node-a", 50, 50)));
        TaskFixtures fixtures = new TaskFixtures(node.port());
        List<Long> tasks = PhoneCampaign.approvedTasks(fixtures,
                IntStream.rangeClosed(5001, 5012).mapToObj(n -> "1380000" + n).toList());
        long campaign = PhoneCampaign.started(fixtures, "restart-" + System.nanoTime());
        AttemptLedger before = new AttemptLedger(node.jdbc(), campaign);

        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(50)).until(() -> {
            before.sample(simulator);
            return simulator.counters().callsActive() >= 8;
        });
        node.close();
        node = null;
        long callsAtTheStop = simulator.counters().callsStarted();

        node = ServerNode.start(PhoneCampaign.quickDialer(ServerNode.dialling(simulator, schema, "node-b", 50, 50)));
        AttemptLedger ledger = new AttemptLedger(node.jdbc(), campaign);
        List<String> leftByA = node.jdbc().sql("SELECT id FROM call_attempt WHERE campaign_id = :c AND node = 'node-a' "
                + "AND state <> 'ENDED'").param("c", campaign).query(String.class).list();
        await().atMost(Duration.ofSeconds(100)).pollInterval(Duration.ofMillis(100)).until(() -> {
            ledger.sample(simulator);
            return ledger.tasksStillOnThePhone(tasks) == 0 && ledger.unsettled() == 0
                    && simulator.counters().callsActive() == 0;
        });

        assertThat(leftByA).as("attempts the stopped node left in flight").isNotEmpty();
        assertThat(node.jdbc().sql("SELECT COUNT(*) FROM call_attempt WHERE id IN (:ids) AND state = 'ENDED' "
                + "AND settled_by = 'reconcile'").param("ids", leftByA).query(Integer.class).single())
                .as("settled by the new node's reconciliation").isEqualTo(leftByA.size());
        assertThat(node.jdbc().sql("SELECT COUNT(*) FROM call_attempt WHERE campaign_id = :c AND node = 'node-b'")
                .param("c", campaign).query(Integer.class).single()).as("the new node dialled").isPositive();
        assertThat(simulator.counters().callsStarted()).isGreaterThan(callsAtTheStop);
        assertThat(before.duplicatesSeen()).isEmpty();
        assertThat(ledger.duplicatesSeen()).as("tasks with two live attempts").isEmpty();
        assertThat(ledger.unsettled()).as("attempts never settled").isZero();
        assertThat(ledger.maxAttemptsOfOneTask()).isBetween(1, PhoneCampaign.MAX_ATTEMPTS_PER_TASK);
        assertThat(simulator.counters().callsStarted()).as("PBX calls: none without an attempt row, rows not "
                + "dialled all FAILED").isBetween((long) ledger.attempts() - ledger.failed(), (long) ledger.attempts());
        assertThat(node.jdbc().sql("SELECT COUNT(*) FROM service_task WHERE id IN (:ids) AND state = 'ELECTRONIC'")
                .param("ids", tasks).query(Integer.class).single()).as("consenting parties served").isEqualTo(10);
    }
}
