package org.serveline.pbxsim.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.serveline.pbxsim.ami.AmiMessage;

class OriginateRequestTests {

    private static AmiMessage action(String... headers) {
        AmiMessage.Builder b = AmiMessage.builder().add("Action", "Originate");
        for (String header : headers) {
            int colon = header.indexOf(':');
            b.add(header.substring(0, colon), header.substring(colon + 1).strip());
        }
        return b.build();
    }

    @Test
    void theTracesOriginateIsUnderstood() throws Exception {
        OriginateRequest request = OriginateRequest.parse(action("ActionID: orig-1001",
                "Channel: Local/1001@simulated-parties", "Context: outbound-notice", "Exten: s", "Priority: 1",
                "Timeout: 30000", "CallerID: \"Serveline\" <5550000>", "Variable: TASK_ID=1001", "Async: true"));
        assertThat(request.tech()).isEqualTo("Local");
        assertThat(request.number()).isEqualTo("1001");
        assertThat(request.partyContext()).isEqualTo("simulated-parties");
        assertThat(request.dialString()).isEqualTo("1001@simulated-parties");
        assertThat(request.context()).isEqualTo("outbound-notice");
        assertThat(request.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(request.callerIdNum()).isEqualTo("5550000");
        assertThat(request.callerIdName()).isEqualTo("Serveline");
        assertThat(request.variables()).containsExactly(java.util.Map.entry("TASK_ID", "1001"));
        assertThat(request.async()).isTrue();
        assertThat(request.runsApplication()).isFalse();
    }

    @Test
    void variablesMayBeCommaSeparatedAndRepeated() throws Exception {
        OriginateRequest request = OriginateRequest.parse(action("Channel: Local/1@x", "Variable: A=1,B=2",
                "Variable: C=x=y"));
        assertThat(request.variables()).containsExactly(java.util.Map.entry("A", "1"), java.util.Map.entry("B", "2"),
                java.util.Map.entry("C", "x=y"));
    }

    @Test
    void applicationAndChannelOptionsAreUnderstood() throws Exception {
        OriginateRequest request = OriginateRequest.parse(action("Channel: Local/1001@parties/n",
                "Application: AGI", "Data: agi://127.0.0.1:4573/notice?task=1"));
        assertThat(request.number()).isEqualTo("1001");
        assertThat(request.partyContext()).isEqualTo("parties");
        assertThat(request.runsApplication()).isTrue();
        assertThat(request.data()).isEqualTo("agi://127.0.0.1:4573/notice?task=1");
        assertThat(request.callerIdNum()).isNull();
    }

    @Test
    void badChannelsAndNumbersAreRefusedWithAsterisksMessages() {
        assertThatThrownBy(() -> OriginateRequest.parse(action("Context: x")))
                .hasMessage("Channel not specified");
        assertThatThrownBy(() -> OriginateRequest.parse(action("Channel: nonsense")))
                .hasMessage("Invalid channel");
        assertThatThrownBy(() -> OriginateRequest.parse(action("Channel: Local/1@x", "Timeout: soon")))
                .hasMessage("Invalid timeout");
    }

    @Test
    void agiUrlsGiveScriptPortAndArguments() {
        AgiUrl url = AgiUrl.parse("agi://10.0.0.5/notice?attempt=42,first,second");
        assertThat(url.port()).isEqualTo(4573);
        assertThat(url.host()).isEqualTo("10.0.0.5");
        assertThat(url.script()).isEqualTo("notice?attempt=42");
        assertThat(url.args()).containsExactly("first", "second");
        assertThatThrownBy(() -> AgiUrl.parse("http://x/y")).isInstanceOf(IllegalArgumentException.class);
    }
}
