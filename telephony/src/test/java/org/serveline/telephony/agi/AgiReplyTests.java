package org.serveline.telephony.agi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AgiReplyTests {

    @Test
    void parsesResultDataAndAttributes() {
        AgiReply reply = AgiReply.parse("200 result=1 (some value) endpos=11234");

        assertThat(reply.isSuccess()).isTrue();
        assertThat(reply.resultCode()).isEqualTo(1);
        assertThat(reply.data()).contains("some value");
        assertThat(reply.attributes()).containsEntry("endpos", "11234");
    }

    @Test
    void parsesANegativeResultFromAHungUpPlayback() {
        AgiReply reply = AgiReply.parse("200 result=-1 endpos=160");

        assertThat(reply.resultCode()).isEqualTo(-1);
        assertThat(reply.data()).isEmpty();
    }

    @Test
    void keepsTheStatusOfAnError() {
        AgiReply reply = AgiReply.parse("511 Command Not Permitted on a dead channel or intercept routine");

        assertThat(reply.status()).isEqualTo(AgiReply.DEAD_CHANNEL);
        assertThat(reply.isSuccess()).isFalse();
    }

    @Test
    void rejectsALineThatIsNoReply() {
        assertThatThrownBy(() -> AgiReply.parse("HELLO")).isInstanceOf(AgiProtocolException.class)
                .hasMessageContaining("HELLO");
        assertThatThrownBy(() -> AgiReply.parse("200 endpos=3")).isInstanceOf(AgiProtocolException.class);
        assertThatThrownBy(() -> AgiReply.parse("200 result=x").resultCode())
                .isInstanceOf(AgiProtocolException.class);
    }
}
