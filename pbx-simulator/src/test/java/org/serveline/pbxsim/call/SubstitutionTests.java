package org.serveline.pbxsim.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SubstitutionTests {

    @Test
    void variablesAreReplacedAndUnknownOnesBecomeEmpty() {
        Map<String, String> vars = Map.of("SERVELINE_AGI_URL", "agi://10.0.0.1:4573", "SERVELINE_ATTEMPT_ID", "42");
        assertThat(Substitution.apply("${SERVELINE_AGI_URL}/notice?attempt=${SERVELINE_ATTEMPT_ID}&x=${NOPE}", vars::get))
                .isEqualTo("agi://10.0.0.1:4573/notice?attempt=42&x=");
    }

    @Test
    void anUnclosedReferenceIsLeftAsText() {
        assertThat(Substitution.apply("a${B", name -> "x")).isEqualTo("a${B");
    }
}
