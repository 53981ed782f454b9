package org.serveline.pbxsim.call;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AgiCommandTests {

    @Test
    void anEmptyQuotedArgumentIsKept() {
        AgiCommand command = AgiCommand.parse("STREAM FILE hello-world \"\"");
        assertThat(command.args()).containsExactly("STREAM", "FILE", "hello-world", "");
        assertThat(command.verb()).isEqualTo(AgiCommand.Verb.STREAM_FILE);
    }

    @Test
    void quotesGroupAndBackslashEscapes() {
        AgiCommand command = AgiCommand.parse("SET VARIABLE NAME \"two words \\\"quoted\\\"\"");
        assertThat(command.args()).containsExactly("SET", "VARIABLE", "NAME", "two words \"quoted\"");
        assertThat(command.verb()).isEqualTo(AgiCommand.Verb.SET_VARIABLE);
    }

    @Test
    void verbsAreRecognisedIgnoringCase() {
        assertThat(AgiCommand.parse("wait for digit 8000").verb()).isEqualTo(AgiCommand.Verb.WAIT_FOR_DIGIT);
        assertThat(AgiCommand.parse("Get Data prompt 3000 5").verb()).isEqualTo(AgiCommand.Verb.GET_DATA);
        assertThat(AgiCommand.parse("HANGUP").verb()).isEqualTo(AgiCommand.Verb.HANGUP);
        assertThat(AgiCommand.parse("MAKE COFFEE").verb()).isEqualTo(AgiCommand.Verb.UNKNOWN);
        assertThat(AgiCommand.parse("").verb()).isEqualTo(AgiCommand.Verb.UNKNOWN);
    }

    @Test
    void numericArgumentsFallBackWhenMissingOrMalformed() {
        AgiCommand command = AgiCommand.parse("WAIT FOR DIGIT soon");
        assertThat(command.argInt(3, -1)).isEqualTo(-1);
        assertThat(command.argInt(7, 42)).isEqualTo(42);
    }
}
