package org.serveline.server.recording.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReviewSamplingTests {

    @Test
    void rateZeroDrawsNothingAndRateOneEverything() {
        ReviewSampling none = new ReviewSampling(0, new SplittableRandom(1));
        ReviewSampling all = new ReviewSampling(1, new SplittableRandom(1));
        assertThat(IntStream.range(0, 1000).filter(i -> none.draws()).count()).isZero();
        assertThat(IntStream.range(0, 1000).filter(i -> all.draws()).count()).isEqualTo(1000);
    }

    @Test
    void aRateDrawsAboutThatShare() {
        ReviewSampling tenth = new ReviewSampling(0.1, new SplittableRandom(42));
        assertThat(IntStream.range(0, 10_000).filter(i -> tenth.draws()).count()).isBetween(850L, 1150L);
    }

    @Test
    void aRateOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> new ReviewSampling(1.01, new SplittableRandom())).hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> new ReviewSampling(-0.1, new SplittableRandom())).hasMessageContaining("between 0 and 1");
    }
}
