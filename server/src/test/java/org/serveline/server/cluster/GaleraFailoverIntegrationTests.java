package org.serveline.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.serveline.server.faults.PhoneCampaign;

/**
 * Two Serveline nodes, each in its own JVM, on a 3-member MariaDB Galera cluster (Debian's mariadb-server and
 * galera-4, run by scripts/galera.sh; ./serveline test installs them), dialling through the PBX simulator. Both
 * nodes first dial for 20 s with every member up: the campaign's own calls per second (1/s, below its trunk's 4/s)
 * holds across the two nodes and is used. Then the member both nodes write to is killed mid-campaign, then one node
 * (both SIGKILL): writes resume within a bound, no call is lost, no task is dialled twice (not even for a moment: no
 * two attempts of a task overlap in the database), and the survivor settles the dead node's calls within
 * reconcile-after and a margin.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class GaleraFailoverIntegrationTests {

    private static final double TRUNK_RATE = 4.0;
    private static final double CAMPAIGN_RATE = 1.0;
    private static final int CALLS = 40;
    private static final Duration RECONCILE_AFTER = Duration.ofSeconds(5);
    /**
     * Galera holds commits on the survivors until it declares the dead member gone ({@code evs.suspect_timeout},
     * 5 s); then the driver moves to member 2 and the next dialer tick commits. Measured 6–7 s on a loaded machine.
     */
    private static final double WRITES_RESUMED_WITHIN_S = 15;
    /** One reconciliation sweep (1 s here), the harness's 250 ms sampling, and a loaded machine's delays. */
    private static final double RECONCILE_MARGIN_S = 10;

    @TempDir
    Path work;

    @Test
    void aCampaignSurvivesLosingTheDatabaseMemberItWritesToAndThenANode() throws Exception {
        ClusterFailover.Options options = new ClusterFailover.Options(CALLS, TRUNK_RATE, CAMPAIGN_RATE, 0.3,
                RECONCILE_AFTER, Duration.ofSeconds(20), Duration.ofSeconds(150), "INFO", false);
        ClusterFailover.Result r = new ClusterFailover(options, System.out::println)
                .run(work, System.getProperty("java.class.path"));
        System.out.println(r);
        System.out.println(r.summary() + " " + r.twoNodes().costs() + " load " + r.twoNodes().loadAtStart() + " / "
                + r.twoNodes().loadAtEnd() + "; " + r.polling().summary() + "; " + r.twoNodes().costsAbove(r.polling()));

        assertThat(r.finished()).as("campaign finished: %s", r).isTrue();
        assertThat(r.lost()).as("attempts never settled").isZero();
        assertThat(r.duplicates()).as("tasks dialled twice at once, or PBX calls without a row").isEmpty();
        assertThat(r.overlappingAttempts()).as("attempts of one task whose created→ended intervals overlap").isZero();
        assertThat(r.maxAttemptsOfOneTask()).isBetween(1, PhoneCampaign.MAX_ATTEMPTS_PER_TASK);
        assertThat(r.outcomes()).as("every party consented").containsEntry("CONSENTED", CALLS);
        assertThat(r.attemptsByNode()).as("both nodes dialled").containsKeys("node-a", "node-b");
        assertThat(r.pbxCalls()).as("PBX calls: one per attempt row, but rows never dialled")
                .isBetween((long) r.attempts() - r.outcomes().getOrDefault("FAILED", 0), (long) r.attempts());

        TwoNodePhase.Figures phase = r.twoNodes();
        assertThat(phase.seconds()).as("the two-node phase ran its length").isGreaterThanOrEqualTo(20);
        assertThat(phase.callsByNode()).as("both nodes dialled in the two-node phase: %s", phase)
                .containsKeys("node-a", "node-b");
        assertThat(phase.rate()).as("the campaign's %s/s across both nodes, %s", CAMPAIGN_RATE, phase.summary())
                .isLessThanOrEqualTo(CAMPAIGN_RATE * 1.1)
                .isGreaterThan(CAMPAIGN_RATE * 0.5);
        // one second of burst on top of the rate: in 10 s at most 11 s worth, and one call of clock slack
        assertThat(r.best10sRate()).as("busiest 10 s across both nodes").isLessThanOrEqualTo(CAMPAIGN_RATE * 1.1 + 0.1);

        assertThat(r.writesResumedAfter()).as("dialling went on after the member died")
                .isPositive().isLessThanOrEqualTo(WRITES_RESUMED_WITHIN_S);
        assertThat(r.leftByDeadNode()).as("node-b died with calls in flight").isPositive();
        assertThat(r.reconciledAfter()).as("node-a settled node-b's calls")
                .isPositive().isLessThanOrEqualTo(RECONCILE_AFTER.toSeconds() + RECONCILE_MARGIN_S);
        assertThat(r.givenUp()).as("transactions given up after retries").isZero();
    }
}
