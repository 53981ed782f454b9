package org.serveline.recordings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AttemptIdTests {

    @ParameterizedTest
    @ValueSource(strings = { "1732612345.17", "attempt-42", "A_b-9", "0" })
    void acceptsAsteriskUniqueIdsAndPlainIds(String value) {
        assertThat(AttemptId.of(value).value()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = { "../x", "..", ".", "a/b", "a\\b", "/etc/passwd", ".hidden", "a..b", "", " ", "a b",
            "x\u0000y", "é" })
    void refusesAnythingThatCouldNameAnotherFile(String value) {
        assertThatThrownBy(() -> AttemptId.of(value)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("invalid attempt id");
    }

    @ParameterizedTest
    @ValueSource(ints = { 128, 129 })
    void limitsTheLength(int length) {
        String value = "a".repeat(length);
        if (length <= 128) {
            assertThat(AttemptId.of(value).value()).hasSize(length);
        }
        else {
            assertThatThrownBy(() -> AttemptId.of(value)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
