package org.serveline.server.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.serveline.server.task.PartyPhone;
import org.serveline.server.task.PartyPhone.PhoneStatus;

class PhonePlanTests {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Instant NOW = Instant.parse("2026-11-26T06:00:00Z");
    private static final RetryRules RULES = new RetryRules(Duration.ofMinutes(5), Duration.ofMinutes(30),
            Duration.ofMinutes(2), 2, 5);
    private static final List<PartyPhone> TWO = List.of(new PartyPhone("+8613800000001", PhoneStatus.UNTRIED),
            new PartyPhone("+8613800000002", PhoneStatus.UNTRIED));

    @Test
    void theFirstNumberIsDialledFirstThenTheSecondBeforeTheFirstAgain() {
        assertThat(next(TWO, List.of())).isEqualTo(new PhonePlan.Step.Dial("+8613800000001"));
        assertThat(next(TWO, List.of(dial("+8613800000001", 60)))).isEqualTo(new PhonePlan.Step.Dial("+8613800000002"));
        assertThat(next(TWO, List.of(dial("+8613800000001", 60), dial("+8613800000002", 30))))
                .isEqualTo(new PhonePlan.Step.Dial("+8613800000001"));
    }

    @Test
    void badAndDoNotCallNumbersAreSkipped() {
        List<PartyPhone> phones = List.of(new PartyPhone("+8613800000001", PhoneStatus.BAD),
                new PartyPhone("+8613800000002", PhoneStatus.UNTRIED), new PartyPhone("+8613800000003", PhoneStatus.UNTRIED));
        assertThat(PhonePlan.next(phones, List.of(), Set.of("+8613800000002"), RULES, NOW, ZONE))
                .isEqualTo(new PhonePlan.Step.Dial("+8613800000003"));
        assertThat(PhonePlan.next(phones, List.of(), Set.of("+8613800000002", "+8613800000003"), RULES, NOW, ZONE))
                .isInstanceOf(PhonePlan.Step.Exhausted.class);
    }

    @Test
    void theDailyLimitPerNumberWaitsForTomorrowAndTheTaskLimitExhausts() {
        List<PhonePlan.PastDial> today = List.of(dial("+8613800000001", 300), dial("+8613800000001", 200),
                dial("+8613800000002", 100), dial("+8613800000002", 50));
        assertThat(next(TWO, today)).isInstanceOf(PhonePlan.Step.WaitForNextDay.class);

        List<PhonePlan.PastDial> yesterdayToo = new ArrayList<>(today);
        yesterdayToo.add(new PhonePlan.PastDial("+8613800000001", NOW.minus(Duration.ofDays(1))));
        assertThat(next(TWO, yesterdayToo)).isInstanceOf(PhonePlan.Step.Exhausted.class);
    }

    @Test
    void aNumberFoundByAContactLookupAfterTheTaskLimitIsDialledOnceBeforeFallingBack() {
        List<PhonePlan.PastDial> used = List.of(dial("+8613800000001", 500), dial("+8613800000002", 400),
                dial("+8613800000001", 300), dial("+8613800000002", 200), dial("+8613800000001", 100));
        assertThat(next(TWO, used)).isInstanceOf(PhonePlan.Step.Exhausted.class);
        List<PartyPhone> withFound = new ArrayList<>(TWO);
        withFound.add(new PartyPhone("+8613900000003", PhoneStatus.UNTRIED));
        assertThat(next(withFound, used)).isEqualTo(new PhonePlan.Step.Dial("+8613900000003"));
        List<PhonePlan.PastDial> andDialled = new ArrayList<>(used);
        andDialled.add(dial("+8613900000003", 10));
        assertThat(next(withFound, andDialled)).isInstanceOf(PhonePlan.Step.Exhausted.class);
    }

    @Test
    void aPartyWithoutNumbersIsExhaustedAtOnce() {
        assertThat(next(List.of(), List.of())).isInstanceOf(PhonePlan.Step.Exhausted.class);
    }

    private static PhonePlan.Step next(List<PartyPhone> phones, List<PhonePlan.PastDial> history) {
        return PhonePlan.next(phones, history, Set.of(), RULES, NOW, ZONE);
    }

    private static PhonePlan.PastDial dial(String number, long secondsAgo) {
        return new PhonePlan.PastDial(number, NOW.minusSeconds(secondsAgo));
    }
}
