package org.serveline.server.campaign;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.serveline.server.task.PartyPhone;

/**
 * Which of a party's numbers to dial next: the usable numbers in the order the clerk gave, the least-tried
 * first (so a second number is tried before the first is dialled again), within the per-number daily and
 * per-task limits.
 */
public final class PhonePlan {

    /** The plan's answer. */
    public sealed interface Step {
        record Dial(String number) implements Step {
        }

        /** Every usable number reached today's limit; try again on the next calling day. */
        record WaitForNextDay() implements Step {
        }

        /** No usable number is left, or the task used all its attempts. */
        record Exhausted(String why) implements Step {
        }
    }

    /** One past dial, as far as the plan cares. */
    public record PastDial(String number, Instant at) {
    }

    private PhonePlan() {
    }

    public static Step next(List<PartyPhone> phones, List<PastDial> history, Set<String> doNotCall, RetryRules rules,
            Instant now, ZoneId partyZone) {
        List<String> usable = phones.stream().filter(p -> p.status() != PartyPhone.PhoneStatus.BAD)
                .map(PartyPhone::e164).filter(n -> !doNotCall.contains(n)).toList();
        if (history.size() >= rules.maxAttemptsPerTask()) {
            // a number never dialled (one a contact lookup found once the attempts ran out) is dialled once first
            return usable.stream().filter(n -> history.stream().noneMatch(d -> d.number().equals(n))).findFirst()
                    .<Step>map(Step.Dial::new)
                    .orElse(new Step.Exhausted("all " + rules.maxAttemptsPerTask() + " attempts of the task are used"));
        }
        if (usable.isEmpty()) {
            return new Step.Exhausted("no usable number (bad or on the do-not-call list)");
        }
        LocalDate today = now.atZone(partyZone).toLocalDate();
        Map<String, Long> total = count(history, d -> true);
        Map<String, Long> todays = count(history, d -> d.at().atZone(partyZone).toLocalDate().equals(today));
        return IntStream.range(0, usable.size()).boxed()
                .filter(i -> todays.getOrDefault(usable.get(i), 0L) < rules.maxAttemptsPerNumberPerDay())
                .min(Comparator.<Integer>comparingLong(i -> total.getOrDefault(usable.get(i), 0L)).thenComparing(i -> i))
                .<Step>map(i -> new Step.Dial(usable.get(i)))
                .orElse(new Step.WaitForNextDay());
    }

    private static Map<String, Long> count(List<PastDial> history, Predicate<PastDial> which) {
        return history.stream().filter(which).collect(Collectors.groupingBy(PastDial::number, Collectors.counting()));
    }
}
