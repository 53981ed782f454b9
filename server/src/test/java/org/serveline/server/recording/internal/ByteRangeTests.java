package org.serveline.server.recording.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteRangeTests {

    @Test
    void noHeaderServesEverything() {
        ByteRange range = ByteRange.of(null, 1000);
        assertThat(range).isEqualTo(new ByteRange(0, 1000, 1000, false));
        assertThat(range.describe()).isEqualTo("full");
    }

    @Test
    void closedOpenAndSuffixRanges() {
        assertThat(ByteRange.of("bytes=10-19", 1000)).isEqualTo(new ByteRange(10, 10, 1000, true));
        assertThat(ByteRange.of("bytes=990-", 1000)).isEqualTo(new ByteRange(990, 10, 1000, true));
        assertThat(ByteRange.of("bytes=-100", 1000)).isEqualTo(new ByteRange(900, 100, 1000, true));
        assertThat(ByteRange.of("bytes=-5000", 1000)).isEqualTo(new ByteRange(0, 1000, 1000, true));
        assertThat(ByteRange.of("bytes=0-99999", 1000).contentRange()).isEqualTo("bytes 0-999/1000");
        assertThat(ByteRange.of("bytes=10-19", 1000).describe()).isEqualTo("bytes=10-19");
    }

    @Test
    void unsatisfiableAndMalformedRangesAre416WithTheSize() {
        for (String header : new String[] {"bytes=1000-", "bytes=5000-6000", "bytes=abc", "bytes=20-10", "items=0-1",
            "", "bytes=0-1,4-5"}) {
            assertThatThrownBy(() -> ByteRange.of(header, 1000)).as(header)
                    .isInstanceOfSatisfying(RangeNotSatisfiableException.class, e -> assertThat(e.total()).isEqualTo(1000));
        }
    }
}
