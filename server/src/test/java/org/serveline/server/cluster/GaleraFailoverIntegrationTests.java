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
 * galera-4, run by scripts/galera.sh; ./serveline test installs them), dialling through the PBX simulator: the
 * member both nodes write to is killed mid-campaign, then one node (both SIGKILL). No call is lost, no task is
 * dialled twice, the calls-per-second budget holds across the nodes, and the survivor settles the dead node's calls.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class GaleraFailoverIntegrationTests {

    private static final double RATE = 2.0;

    @TempDir
    Path work;

    @Test
    void aCampaignSurvivesLosingTheDatabaseMemberItWritesToAndThenANode() throws Exception {
        ClusterFailover.Result r = new ClusterFailover(new ClusterFailover.Options(36, RATE, 0.3,
                Duration.ofSeconds(5), Duration.ofSeconds(150), "INFO"), System.out::println)
                .run(work, System.getProperty("java.class.path"));
        System.out.println(r);

        assertThat(r.finished()).as("campaign finished: %s", r).isTrue();
        assertThat(r.lost()).as("attempts never settled").isZero();
        assertThat(r.duplicates()).as("tasks dialled twice at once, or PBX calls without a row").isEmpty();
        assertThat(r.maxAttemptsOfOneTask()).isBetween(1, PhoneCampaign.MAX_ATTEMPTS_PER_TASK);
        assertThat(r.outcomes()).as("every party consented").containsEntry("CONSENTED", 36);
        assertThat(r.attemptsByNode()).as("both nodes dialled").containsKeys("node-a", "node-b");
        assertThat(r.writesResumedAfter()).as("dialling went on after the member died").isPositive();
        assertThat(r.leftByDeadNode()).as("node-b died with calls in flight").isPositive();
        assertThat(r.reconciledAfter()).as("node-a settled node-b's calls").isPositive();
        assertThat(r.pbxCalls()).as("PBX calls: one per attempt row, but rows never dialled")
                .isBetween((long) r.attempts() - r.outcomes().getOrDefault("FAILED", 0), (long) r.attempts());
        // one second of burst on top of the rate: in 10 s at most 11 s worth, and one call of clock slack
        assertThat(r.best10sRate()).as("calls per second across both nodes").isLessThanOrEqualTo(RATE * 1.1 + 0.1);
        assertThat(r.rateBeforeFaults()).as("the budget was used").isGreaterThan(RATE * 0.5);
        assertThat(r.givenUp()).as("transactions given up after retries").isZero();
    }
}
