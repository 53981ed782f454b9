package org.serveline.pbxsim.party;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PartyBehaviourTests {

    @Test
    void keysFollowTheBehaviour() {
        assertThat(PartyBehaviour.consent().keysPerPrompt()).containsExactly("1");
        assertThat(PartyBehaviour.refuse().keysPerPrompt()).containsExactly("2");
        assertThat(PartyBehaviour.askOperator().keysPerPrompt()).containsExactly("0");
        assertThat(PartyBehaviour.enterNumber("13800138000").keysPerPrompt()).containsExactly("1", "13800138000#", "1");
        assertThat(PartyBehaviour.silent().keysPerPrompt()).isEmpty();
        assertThat(PartyBehaviour.answeringMachine().keysPerPrompt()).isEmpty();
    }

    @Test
    void onlyRingingRefusersDoNotAnswer() {
        assertThat(PartyBehaviour.noAnswer().answers()).isFalse();
        assertThat(PartyBehaviour.busy().answers()).isFalse();
        assertThat(PartyBehaviour.congestion().answers()).isFalse();
        assertThat(PartyBehaviour.hangUp().answers()).isTrue();
        assertThat(PartyBehaviour.busy().timing().ringTime()).isZero();
    }

    @Test
    void badBehavioursAreRefused() {
        assertThatThrownBy(() -> PartyBehaviour.enterNumber("138-0013")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PartyTiming.DEFAULT.withRingTime(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
