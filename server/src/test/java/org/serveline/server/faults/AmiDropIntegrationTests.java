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
 * The PBX cuts the AMI connection while calls are in flight: the link logs in again, the attempts whose events
 * were lost are reconciled with the PBX, and every attempt ends settled — none lost, none dialled twice.
 * Private schema; a real MariaDB, real AMI and FastAGI to the simulator.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class AmiDropIntegrationTests {

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

    /**
     * With the attempt and task ids on every channel listing (manager.conf {@code channelvars}), reconciliation
     * needs no Getvar per channel.
     */
    @Test
    void callsInFlightWhenTheAmiLinkDropsAreAllSettledOnceAndNoneTwice() {
        dropTheLinkMidCampaign(List.of("SERVELINE_ATTEMPT_ID", "SERVELINE_TASK_ID"));
    }

    /**
     * The same without channelvars: reconciliation then reads each channel's ids with Getvar. A Getvar lost with
     * the link must fail the listing, not drop the call from it (that once settled live calls and dialled their
     * parties twice).
     */
    @Test
    void theSameWithoutChannelVarsWhereEveryIdIsReadWithGetvar() {
        dropTheLinkMidCampaign(List.of(), "serveline_fault_getvar");
    }

    /**
     * Asterisk is killed with calls up and comes back empty (issue 12, item 8): the cut calls are PBX failures with
     * the lost link and the vanished channel in their evidence, never the party hanging up early, and they spend
     * none of the party's attempts; every consenting party is still served.
     */
    @Test
    void callsCutByAPbxThatDiesArePbxFailuresNotEarlyHangupsAndSpendNoAttempt() {
        simulator = new PbxSimulator(SimulatorConfig.builder().timeScale(0.3).spoolDir(spool)
                .party("13800006001", PartyBehaviour.noAnswer()).party("13800006002", PartyBehaviour.refuse())
                .defaultParty(PartyBehaviour.consent())
                .amiChannelVars(List.of("SERVELINE_ATTEMPT_ID", "SERVELINE_TASK_ID"))
                .amiEventFilter(SimulatorConfig.servelineEventFilter()).build());
        simulator.start();
        node = ServerNode.start(PhoneCampaign.quickDialer(
                ServerNode.dialling(simulator, "serveline_fault_crash", "node-crash", 50, 50)));
        TaskFixtures fixtures = new TaskFixtures(node.port());
        List<Long> tasks = PhoneCampaign.approvedTasks(fixtures,
                IntStream.rangeClosed(6001, 6012).mapToObj(n -> "1380000" + n).toList());
        long campaign = PhoneCampaign.started(fixtures, "pbx-crash-" + System.nanoTime());
        AttemptLedger ledger = new AttemptLedger(node.jdbc(), campaign);

        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(50)).until(() -> {
            ledger.sample(simulator);
            return simulator.channels().stream().filter(c -> c.name().endsWith(";1") && c.state() == 6).count() >= 6;
        });
        int cut = simulator.crash();

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
            ledger.sample(simulator);
            return ledger.tasksStillOnThePhone(tasks) == 0 && ledger.unsettled() == 0
                    && simulator.counters().callsActive() == 0;
        });

        assertThat(cut).isGreaterThanOrEqualTo(6);
        assertThat(ledger.pbxFailures()).as("answered calls cut by the crash").isGreaterThanOrEqualTo(6);
        assertThat(ledger.pbxFailuresWithTheirCause()).as("the cause is in the evidence")
                .isEqualTo(ledger.pbxFailures());
        assertThat(node.jdbc().sql("SELECT COUNT(*) FROM call_attempt WHERE campaign_id = :c AND outcome = "
                + "'HUNG_UP_EARLY'").param("c", campaign).query(Integer.class).single())
                .as("no party hung up: the PBX died").isZero();
        assertThat(ledger.unsettled()).isZero();
        assertThat(ledger.duplicatesSeen()).isEmpty();
        assertThat(ledger.maxAttemptsOfOneTask()).as("attempts spent").isBetween(1, PhoneCampaign.MAX_ATTEMPTS_PER_TASK);
        assertThat(node.jdbc().sql("SELECT COUNT(*) FROM service_task WHERE id IN (:ids) AND state = 'ELECTRONIC'")
                .param("ids", tasks).query(Integer.class).single()).as("consenting parties served").isEqualTo(10);
    }

    private void dropTheLinkMidCampaign(List<String> channelVars) {
        dropTheLinkMidCampaign(channelVars, "serveline_fault_ami");
    }

    private void dropTheLinkMidCampaign(List<String> channelVars, String schema) {
        simulator = new PbxSimulator(SimulatorConfig.builder().timeScale(0.3).spoolDir(spool)
                .party("13800004001", PartyBehaviour.noAnswer()).party("13800004002", PartyBehaviour.refuse())
                .defaultParty(PartyBehaviour.consent()).amiChannelVars(channelVars)
                .amiEventFilter(SimulatorConfig.servelineEventFilter()).build());
        simulator.start();
        node = ServerNode.start(PhoneCampaign.quickDialer(
                ServerNode.dialling(simulator, schema, "node-ami", 50, 50)));
        TaskFixtures fixtures = new TaskFixtures(node.port());
        List<Long> tasks = PhoneCampaign.approvedTasks(fixtures,
                IntStream.rangeClosed(4001, 4012).mapToObj(n -> "1380000" + n).toList());
        long campaign = PhoneCampaign.started(fixtures, "ami-drop-" + System.nanoTime());
        AttemptLedger ledger = new AttemptLedger(node.jdbc(), campaign);

        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(50)).until(() -> {
            ledger.sample(simulator);
            return simulator.counters().callsActive() >= 8;
        });
        long liveAtTheCut = simulator.counters().callsActive();
        assertThat(simulator.dropAmiConnections()).isPositive();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            ledger.sample(simulator);
            return simulator.amiConnections() > 0;
        });
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
            ledger.sample(simulator);
            return ledger.tasksStillOnThePhone(tasks) == 0 && ledger.unsettled() == 0
                    && simulator.counters().callsActive() == 0;
        });

        assertThat(liveAtTheCut).isGreaterThanOrEqualTo(8);
        assertThat(ledger.duplicatesSeen()).as("tasks with two live attempts").isEmpty();
        assertThat(ledger.unsettled()).as("attempts never settled").isZero();
        assertThat(ledger.maxAttemptsOfOneTask()).isBetween(1, PhoneCampaign.MAX_ATTEMPTS_PER_TASK);
        assertThat(ledger.answersOverruled()).as("a keyed answer replaced by what AMI did not see").isZero();
        assertThat(simulator.counters().callsStarted()).as("PBX calls: none without an attempt row, rows not "
                + "dialled all FAILED").isBetween((long) ledger.attempts() - ledger.failed(), (long) ledger.attempts());
        assertThat(node.jdbc().sql("SELECT COUNT(*) FROM service_task WHERE id IN (:ids) AND state = 'ELECTRONIC'")
                .param("ids", tasks).query(Integer.class).single()).as("consenting parties served").isEqualTo(10);
    }
}
