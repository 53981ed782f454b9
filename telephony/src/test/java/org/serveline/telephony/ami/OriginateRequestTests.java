package org.serveline.telephony.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OriginateRequestTests {

    private static final OriginateRequest.Target OUTBOUND = new OriginateRequest.Dialplan("serveline-outbound", "s", 1);

    @Test
    void theAttemptAndTaskIdsTravelAsChannelVariablesAndInTheActionId() {
        OriginateRequest request = new OriginateRequest("A-1", "T-9", "PJSIP/1@trunk", OUTBOUND, "", Duration.ofSeconds(30),
                Map.of("SERVELINE_AGI_URL", "agi://10.0.0.5:4573"));

        assertThat(request.channelVariables()).containsExactly(Map.entry("SERVELINE_ATTEMPT_ID", "A-1"),
                Map.entry("SERVELINE_TASK_ID", "T-9"), Map.entry("SERVELINE_AGI_URL", "agi://10.0.0.5:4573"));
        assertThat(OriginateRequest.attemptIdOf(request.actionId())).contains("A-1");
        assertThat(OriginateRequest.attemptIdOf("orig-1001")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "a,b", "a\r\nAction: Hangup", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void attemptIdsThatCouldBreakTheWireAreRefused(String attemptId) {
        assertThatThrownBy(() -> new OriginateRequest(attemptId, "T-1", "PJSIP/1@trunk", OUTBOUND, "",
                Duration.ofSeconds(30), Map.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lineBreaksInAnyValueAreRefused() {
        assertThatThrownBy(() -> new OriginateRequest("A-1", "T-1", "PJSIP/1@trunk\r\nAction: Hangup", OUTBOUND, "",
                Duration.ofSeconds(30), Map.of())).hasMessageContaining("line breaks");
        assertThatThrownBy(() -> new OriginateRequest("A-1", "T-1", "PJSIP/1@trunk", OUTBOUND, "",
                Duration.ofSeconds(30), Map.of("X", "a\nb"))).hasMessageContaining("line breaks");
        assertThatThrownBy(() -> new OriginateRequest.Application("AGI", "agi://x\r\n"))
                .hasMessageContaining("line breaks");
    }

    @Test
    void theReservedVariablesAndBadNamesCannotBeSmuggledIn() {
        assertThatThrownBy(() -> new OriginateRequest("A-1", "T-1", "PJSIP/1@trunk", OUTBOUND, "",
                Duration.ofSeconds(30), Map.of("SERVELINE_ATTEMPT_ID", "other"))).hasMessageContaining("attemptId");
        assertThatThrownBy(() -> new OriginateRequest("A-1", "T-1", "PJSIP/1@trunk", OUTBOUND, "",
                Duration.ofSeconds(30), Map.of("BAD=NAME", "v"))).hasMessageContaining("variable name");
    }

    @Test
    void timeoutAndPriorityMustBePositive() {
        assertThatThrownBy(() -> new OriginateRequest("A-1", "T-1", "PJSIP/1@trunk", OUTBOUND, "", Duration.ZERO,
                Map.of())).hasMessageContaining("timeout");
        assertThatThrownBy(() -> new OriginateRequest.Dialplan("serveline-outbound", "s", 0))
                .hasMessageContaining("priority");
    }

    @Test
    void pbxConfigRefusesNonsense() {
        assertThatThrownBy(() -> PbxConfig.of("pbx 1", "h", 5038, "u", "s")).hasMessageContaining("PBX id");
        assertThatThrownBy(() -> PbxConfig.of("pbx1", "h", 0, "u", "s")).hasMessageContaining("port");
        assertThatThrownBy(() -> PbxConfig.of("pbx1", "h", 5038, "u", "s")
                .withReconnect(Duration.ofSeconds(5), Duration.ofSeconds(1))).hasMessageContaining("reconnectMax");
        assertThat(PbxConfig.of("pbx1", "h", 5038, "u", "s").toString()).doesNotContain("secret=");
    }
}
