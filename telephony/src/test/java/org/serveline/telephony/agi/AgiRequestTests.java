package org.serveline.telephony.agi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AgiRequestTests {

    @Test
    void splitsScriptPathQueryAndNumberedArguments() {
        AgiRequest request = AgiRequest.fromEnvironment(Map.of("network_script", "/notice?attempt=a%2F1&x&task=",
                "arg_2", "b", "arg_1", "a", "arg_10", "j", "uniqueid", "1.2"));

        assertThat(request.script()).isEqualTo("notice");
        assertThat(request.parameters()).containsEntry("attempt", "a/1").containsEntry("x", "")
                .containsEntry("task", "");
        assertThat(request.arguments()).containsExactly("a", "b", "j");
        assertThat(request.uniqueId()).isEqualTo("1.2");
    }

    @Test
    void toleratesAMissingScriptAndABadEscape() {
        assertThat(AgiRequest.fromEnvironment(Map.of()).script()).isEmpty();
        assertThat(AgiRequest.fromEnvironment(Map.of("network_script", "notice?attempt=%zz")).parameters())
                .containsEntry("attempt", "%zz");
    }
}
