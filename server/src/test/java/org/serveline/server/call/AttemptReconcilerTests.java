package org.serveline.server.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttemptReconcilerTests {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private static final Duration AFTER = Duration.ofMinutes(5);

    @Test
    void longAfterStartOnlyOldAttemptsAreChecked() {
        assertThat(AttemptReconciler.cutoff(NOW, NOW.minus(Duration.ofHours(1)), AFTER)).isEqualTo(NOW.minus(AFTER));
    }

    @Test
    void justAfterARestartEveryAttemptOlderThanThirtySecondsIsChecked() {
        assertThat(AttemptReconciler.cutoff(NOW, NOW.minusSeconds(1), AFTER)).isEqualTo(NOW.minusSeconds(30));
    }

    @Test
    void aMinuteAfterARestartTheAttemptsMadeBeforeTheStartAreChecked() {
        assertThat(AttemptReconciler.cutoff(NOW, NOW.minusSeconds(60), AFTER)).isEqualTo(NOW.minusSeconds(60));
    }

    @Test
    void aPbxWhoseLinkCameUpAgainIsReconciledAndANewOneIsNot() {
        assertThat(AttemptReconciler.reconnected(Map.of("pbx1", 0L, "pbx2", 3L),
                Map.of("pbx1", 1L, "pbx2", 3L, "pbx3", 7L))).containsExactly("pbx1");
        assertThat(AttemptReconciler.reconnected(Map.of(), Map.of("pbx1", 2L))).isEmpty();
    }
}
