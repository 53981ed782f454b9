package org.serveline.server.postal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TrackingNumberTests {

    @Test
    void theUpuExampleIsValid() {
        assertThat(new TrackingNumber("AA123456785CN").value()).isEqualTo("AA123456785CN");
    }

    @Test
    void aWrongCheckDigitIsRefusedAndTheRightOneNamed() {
        assertThatThrownBy(() -> new TrackingNumber("AA123456784CN"))
                .isInstanceOf(MalformedTrackingNumberException.class).hasMessageContaining("needs 5");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"A123456785CN", "AA12345678CN", "AA1234567850CN", "aa123456785cn", "AA123456785C1",
            "AA12345678XCN", "SF1234567890"})
    void malformedValuesAreRefused(String value) {
        assertThatThrownBy(() -> new TrackingNumber(value)).isInstanceOf(MalformedTrackingNumberException.class)
                .hasMessageContaining("UPU S10");
    }

    @Test
    void whatAPersonTypedIsNormalisedBeforeChecking() {
        assertThat(TrackingNumber.parse(" ea 1234 5678 5cn ").value()).isEqualTo("EA123456785CN");
    }

    @Test
    void checkDigitTenBecomesZeroAndElevenBecomesFive() {
        assertThat(TrackingNumber.checkDigit("00000008")).isEqualTo(0);   // sum 56, 11 - 56 % 11 = 10 → 0
        assertThat(TrackingNumber.checkDigit("00000000")).isEqualTo(5);   // sum 0, 11 - 0 = 11 → 5
        assertThat(TrackingNumber.checkDigit("00000010")).isEqualTo(2);   // sum 9, 11 - 9 = 2
    }

    @Test
    void numbersBuiltFromASerialCarryTheirCheckDigit() {
        TrackingNumber number = TrackingNumber.of("EA", 12_345_678, "CN");
        assertThat(number.value()).isEqualTo("EA123456785CN");
    }
}
