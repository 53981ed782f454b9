package org.serveline.server.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.serveline.server.task.ServiceChannel.IN_PERSON;
import static org.serveline.server.task.ServiceChannel.PHONE;
import static org.serveline.server.task.ServiceChannel.POSTAL;
import static org.serveline.server.task.ServiceChannel.PUBLIC_NOTICE;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TaskLifecycleTests {

    private static final List<ServiceChannel> DEFAULT_CHAIN = List.of(PHONE, POSTAL, IN_PERSON, PUBLIC_NOTICE);

    @Test
    void theDefaultChainFallsFromPhoneToPostToInPersonToPublicNotice() {
        TaskState state = TaskLifecycle.next(TaskState.SUBMITTED, TaskTrigger.APPROVE, DEFAULT_CHAIN);
        state = TaskLifecycle.next(state, TaskTrigger.DISPATCH, DEFAULT_CHAIN);
        assertThat(state).isEqualTo(TaskState.PHONE);
        state = TaskLifecycle.next(state, TaskTrigger.CHANNEL_FAILED, DEFAULT_CHAIN);
        assertThat(state).isEqualTo(TaskState.POSTAL);
        state = TaskLifecycle.next(state, TaskTrigger.CHANNEL_FAILED, DEFAULT_CHAIN);
        assertThat(state).isEqualTo(TaskState.IN_PERSON);
        state = TaskLifecycle.next(state, TaskTrigger.CHANNEL_FAILED, DEFAULT_CHAIN);
        assertThat(state).isEqualTo(TaskState.PUBLIC_NOTICE);
        assertThat(TaskLifecycle.next(state, TaskTrigger.NOTICE_ELAPSED, DEFAULT_CHAIN)).isEqualTo(TaskState.SERVED);
    }

    @Test
    void consentOnThePhoneLeadsToElectronicServiceAndDeliveryServes() {
        TaskState electronic = TaskLifecycle.next(TaskState.PHONE, TaskTrigger.CONSENT_CAPTURED, DEFAULT_CHAIN);
        assertThat(electronic).isEqualTo(TaskState.ELECTRONIC);
        assertThat(TaskLifecycle.next(electronic, TaskTrigger.DELIVERED, DEFAULT_CHAIN)).isEqualTo(TaskState.SERVED);
    }

    @Test
    void failedElectronicDeliveryFallsBackToTheChannelAfterPhone() {
        assertThat(TaskLifecycle.next(TaskState.ELECTRONIC, TaskTrigger.CHANNEL_FAILED, DEFAULT_CHAIN))
                .isEqualTo(TaskState.POSTAL);
    }

    @Test
    void aCourtChainWithoutPhoneStartsWithPost() {
        List<ServiceChannel> chain = List.of(POSTAL, PUBLIC_NOTICE);
        assertThat(TaskLifecycle.next(TaskState.APPROVED, TaskTrigger.DISPATCH, chain)).isEqualTo(TaskState.POSTAL);
        assertThat(TaskLifecycle.next(TaskState.POSTAL, TaskTrigger.CHANNEL_FAILED, chain))
                .isEqualTo(TaskState.PUBLIC_NOTICE);
    }

    @Test
    void publicNoticeCannotFail() {
        assertThatThrownBy(() -> TaskLifecycle.next(TaskState.PUBLIC_NOTICE, TaskTrigger.CHANNEL_FAILED, DEFAULT_CHAIN))
                .isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void theLastChannelOfAShortChainHasNothingToFallBackTo() {
        assertThatThrownBy(() -> TaskLifecycle.next(TaskState.POSTAL, TaskTrigger.CHANNEL_FAILED, List.of(PHONE, POSTAL)))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("no channel after POSTAL");
    }

    @ParameterizedTest
    @EnumSource(value = TaskState.class, names = {"SERVED", "CANCELLED"}, mode = EnumSource.Mode.EXCLUDE)
    void everyOpenStateCanBeCancelled(TaskState open) {
        assertThat(TaskLifecycle.next(open, TaskTrigger.CANCEL, DEFAULT_CHAIN)).isEqualTo(TaskState.CANCELLED);
    }

    @ParameterizedTest
    @EnumSource(TaskTrigger.class)
    void nothingMovesAFinishedTask(TaskTrigger trigger) {
        for (TaskState done : List.of(TaskState.SERVED, TaskState.CANCELLED)) {
            assertThat(TaskLifecycle.allows(done, trigger)).isFalse();
            assertThatThrownBy(() -> TaskLifecycle.next(done, trigger, DEFAULT_CHAIN))
                    .isInstanceOf(IllegalTransitionException.class);
        }
    }

    @Test
    void reviewIsOnlyForSubmittedTasks() {
        for (TaskState state : TaskState.values()) {
            assertThat(TaskLifecycle.allows(state, TaskTrigger.APPROVE)).isEqualTo(state == TaskState.SUBMITTED);
            assertThat(TaskLifecycle.allows(state, TaskTrigger.RETURN)).isEqualTo(state == TaskState.SUBMITTED);
        }
    }

    @Test
    void theAggregateRefusesIllegalMovesAndMissingReasonsWithoutChangingState() {
        ServiceTask task = ServiceTask.submit(new NewTask("C1", 1L, "(2026)内0303民初1号", null, DEFAULT_CHAIN,
                Priority.NORMAL, null, null, new Party(PartyRole.DEFENDANT, "李四", null, null, null, "Asia/Shanghai"),
                List.of("+8613800138000"), List.of("doc")), "clerk", Instant.EPOCH);
        assertThatThrownBy(() -> task.apply(TaskTrigger.DISPATCH, "x", null, Instant.EPOCH))
                .isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> task.apply(TaskTrigger.RETURN, "reviewer", " ", Instant.EPOCH))
                .hasMessageContaining("reason is required");
        assertThat(task.state()).isEqualTo(TaskState.SUBMITTED);
        task.apply(TaskTrigger.RETURN, "reviewer", "missing address", Map.of(), Instant.EPOCH);
        assertThat(task.state()).isEqualTo(TaskState.RETURNED);
        assertThat(task.returnReason()).isEqualTo("missing address");
    }
}
