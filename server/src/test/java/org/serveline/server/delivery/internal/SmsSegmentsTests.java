package org.serveline.server.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** UCS-2 segmentation: 70 characters in one SMS, else parts of at most 67 behind a concatenation header. */
class SmsSegmentsTests {

    @Test
    void seventyChineseCharactersFitOneMessageWithoutHeader() {
        String text = "法".repeat(70);

        List<SmsSegments.Segment> segments = SmsSegments.split(text, 7);

        assertThat(segments).singleElement().satisfies(s -> {
            assertThat(s.udh()).isFalse();
            assertThat(s.shortMessage()).hasSize(140);
            assertThat(SmsSegments.text(s.shortMessage(), false)).isEqualTo(text);
        });
    }

    @Test
    void alongerTextIsSplitIntoNumberedPartsOfSixtySevenCharacters() {
        String text = "院".repeat(71) + "送达" + "书".repeat(70);

        List<SmsSegments.Segment> segments = SmsSegments.split(text, 0x1AB);

        assertThat(segments).hasSize(3);
        for (SmsSegments.Segment s : segments) {
            byte[] m = s.shortMessage();
            assertThat(s.udh()).isTrue();
            assertThat(new byte[] {m[0], m[1], m[2], m[3], m[4], m[5]})
                    .containsExactly(0x05, 0x00, 0x03, 0xAB, 3, s.number());
            assertThat(m.length).isLessThanOrEqualTo(6 + 134);
        }
        assertThat(String.join("", segments.stream().map(s -> SmsSegments.text(s.shortMessage(), true)).toList()))
                .isEqualTo(text);
    }

    @Test
    void aSurrogatePairIsNeverCutBetweenParts() {
        String text = "字".repeat(66) + "𠀀" + "尾".repeat(10);

        List<SmsSegments.Segment> segments = SmsSegments.split(text, 1);

        String first = SmsSegments.text(segments.getFirst().shortMessage(), true);
        assertThat(first).hasSize(66).doesNotContain("𠀀");
        assertThat(SmsSegments.text(segments.get(1).shortMessage(), true)).startsWith("𠀀");
    }
}
