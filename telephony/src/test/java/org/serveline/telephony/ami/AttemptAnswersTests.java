package org.serveline.telephony.ami;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class AttemptAnswersTests {

    private final AttemptAnswers answers = new AttemptAnswers();

    @Test
    void theFirstChannelUpOfAnAttemptIsItsAnswerTimeUntilItsLastChannelHangsUp() {
        answers.accept(varSet("1.1", 0, "SERVELINE_ATTEMPT_ID", "A-1", 1));
        answers.accept(varSet("1.2", 0, "__SERVELINE_ATTEMPT_ID", "A-1", 2));
        assertThat(answers.answeredAt("A-1")).isEmpty();

        answers.accept(new AmiEvent.Newstate(at(10), channel("1.1", 6)));
        answers.accept(new AmiEvent.Newstate(at(20), channel("1.2", 6)));
        assertThat(answers.answeredAt("A-1")).contains(at(10));

        answers.accept(new AmiEvent.Hangup(at(30), channel("1.1", 6), 16, "Normal Clearing"));
        assertThat(answers.answeredAt("A-1")).contains(at(10));
        answers.accept(new AmiEvent.Hangup(at(31), channel("1.2", 6), 16, "Normal Clearing"));
        assertThat(answers.answeredAt("A-1")).isEmpty();
        assertThat(answers.liveChannels()).isZero();
    }

    @Test
    void channelsWithoutTheAttemptVariableAndBlankValuesAreIgnored() {
        answers.accept(varSet("2.1", 0, "SERVELINE_TASK_ID", "T-1", 1));
        answers.accept(varSet("2.2", 0, "SERVELINE_ATTEMPT_ID", " ", 2));
        answers.accept(new AmiEvent.Newstate(at(5), channel("2.1", 6)));
        answers.accept(new AmiEvent.Hangup(at(6), channel("9.9", 6), 16, ""));

        assertThat(answers.liveChannels()).isZero();
        assertThat(answers.answeredAt("T-1")).isEmpty();
    }

    private static AmiEvent.VarSet varSet(String uniqueId, int state, String variable, String value, int second) {
        return new AmiEvent.VarSet(at(second), channel(uniqueId, state), variable, value);
    }

    private static AmiEvent.ChannelRef channel(String uniqueId, int state) {
        return new AmiEvent.ChannelRef("PJSIP/x-" + uniqueId, uniqueId, "1.1", state, state == 6 ? "Up" : "Down",
                "", "serveline-operator", "s");
    }

    private static Instant at(int second) {
        return Instant.parse("2026-11-27T04:00:00Z").plusSeconds(second);
    }
}
