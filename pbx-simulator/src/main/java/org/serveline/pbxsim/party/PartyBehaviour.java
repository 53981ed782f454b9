package org.serveline.pbxsim.party;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** What the called party does. Each kind carries its timing; the factories give the defaults. */
public sealed interface PartyBehaviour {

    PartyTiming timing();

    /** Whether the party picks up. */
    default boolean answers() {
        return switch (this) {
            case NoAnswer n -> false;
            case Busy b -> false;
            case Congestion c -> false;
            case CarrierCause c -> false;
            default -> true;
        };
    }

    /**
     * The keys the party presses after it has heard its n-th prompt, one string per prompt; a party presses
     * nothing after the last listed prompt.
     */
    default List<String> keysPerPrompt() {
        return switch (this) {
            case Consent c -> List.of("1");
            case Refuse r -> List.of("2");
            case AskOperator a -> List.of("0");
            // consent, key the number, confirm it when it is read back
            case EnterNumber e -> List.of("1", e.mobileNumber() + "#", "1");
            // the 1 keyed during the greeting is not listed: it is timed from the greeting's start
            case KeysDuringGreeting k -> k.consentsAtQuestion() ? List.of("1") : List.of();
            // hears the question, asks for the notice again, then consents at the question
            case Replay r -> List.of("9", "1");
            default -> List.of();
        };
    }

    /** Answers, listens, presses 1. */
    record Consent(PartyTiming timing) implements PartyBehaviour {}

    /** Answers, listens, presses 2. */
    record Refuse(PartyTiming timing) implements PartyBehaviour {}

    /** Rings until the Originate times out. */
    record NoAnswer(PartyTiming timing) implements PartyBehaviour {}

    /** Busy(): cause 17, OriginateResponse reason 5. */
    record Busy(PartyTiming timing) implements PartyBehaviour {}

    /** Congestion(): cause 34, OriginateResponse reason 8. */
    record Congestion(PartyTiming timing) implements PartyBehaviour {}

    /** Answers and hangs up as soon as the first prompt starts (or at hold time if none plays). */
    record HangUp(PartyTiming timing) implements PartyBehaviour {}

    /** Answers, listens, never presses a key, hangs up at hold time. */
    record Silent(PartyTiming timing) implements PartyBehaviour {}

    /** Presses 1 after the first prompt, then keys a mobile number and # after the second. */
    record EnterNumber(PartyTiming timing, String mobileNumber) implements PartyBehaviour {
        public EnterNumber {
            Objects.requireNonNull(mobileNumber, "mobileNumber");
            if (!mobileNumber.matches("[0-9*]+")) {
                throw new IllegalArgumentException("a keyed number holds only digits and *: " + mobileNumber);
            }
        }
    }

    /** Presses 0 to ask for an operator. */
    record AskOperator(PartyTiming timing) implements PartyBehaviour {}

    /**
     * Keys 1 {@code into} the first prompt (the greeting), as the real party of trace 1001 did about 4 s into a
     * 50-second notice; then, when {@code consentsAtQuestion}, keys 1 again once the question has played, else
     * hangs up as soon as the next prompt (the question) starts.
     */
    record KeysDuringGreeting(PartyTiming timing, Duration into, boolean consentsAtQuestion)
            implements PartyBehaviour {
        public KeysDuringGreeting {
            Objects.requireNonNull(into, "into");
            if (into.isNegative()) {
                throw new IllegalArgumentException("into cannot be negative: " + into);
            }
        }
    }

    /** Presses 9 after the question to hear the notice again, then 1 after the question that follows it. */
    record Replay(PartyTiming timing) implements PartyBehaviour {}

    /** A machine: answers, talks over the prompts, keys nothing; AMD reports MACHINE. */
    record AnsweringMachine(PartyTiming timing) implements PartyBehaviour {}

    /**
     * The carrier ends the call before any answer with this ITU-T Q.850 cause (1 unallocated, 17 busy, 20 absent,
     * 21 rejected, 27 out of order, 28 invalid format, 34/38/41/42 congestion and failure, ...): Hangup on ";2" with
     * the cause, DialEnd and OriginateResponse reason as Asterisk derives them from it.
     */
    record CarrierCause(PartyTiming timing, int cause) implements PartyBehaviour {
        public CarrierCause {
            if (cause < 1 || cause > 127) {
                throw new IllegalArgumentException("a Q.850 cause lies in 1..127, was " + cause);
            }
        }
    }

    static PartyBehaviour carrierCause(int cause) {
        return new CarrierCause(PartyTiming.DEFAULT.withRingTime(Duration.ofMillis(500)), cause);
    }

    static PartyBehaviour consent() {
        return new Consent(PartyTiming.DEFAULT);
    }

    static PartyBehaviour refuse() {
        return new Refuse(PartyTiming.DEFAULT);
    }

    static PartyBehaviour noAnswer() {
        return new NoAnswer(PartyTiming.DEFAULT);
    }

    static PartyBehaviour busy() {
        return new Busy(PartyTiming.DEFAULT.withRingTime(Duration.ZERO));
    }

    static PartyBehaviour congestion() {
        return new Congestion(PartyTiming.DEFAULT.withRingTime(Duration.ZERO));
    }

    static PartyBehaviour hangUp() {
        return new HangUp(PartyTiming.DEFAULT.withRingTime(Duration.ZERO).withHoldTime(Duration.ofSeconds(10)));
    }

    static PartyBehaviour silent() {
        return new Silent(PartyTiming.DEFAULT.withHoldTime(Duration.ofSeconds(20)));
    }

    static PartyBehaviour enterNumber(String mobileNumber) {
        return new EnterNumber(PartyTiming.DEFAULT.withHoldTime(Duration.ofSeconds(60)), mobileNumber);
    }

    static PartyBehaviour askOperator() {
        return new AskOperator(PartyTiming.DEFAULT.withHoldTime(Duration.ofSeconds(60)));
    }

    /**
     * Keys 1 half-way through a default prompt (0.7 s of the simulator's 1.4 s prompts, so inside the greeting),
     * then consents at the question or hangs up.
     */
    static PartyBehaviour keysDuringGreeting(boolean consentsAtQuestion) {
        return new KeysDuringGreeting(PartyTiming.DEFAULT.withHoldTime(Duration.ofSeconds(60)), Duration.ofMillis(700),
                consentsAtQuestion);
    }

    static PartyBehaviour replay() {
        return new Replay(PartyTiming.DEFAULT.withHoldTime(Duration.ofSeconds(60)));
    }

    static PartyBehaviour answeringMachine() {
        return new AnsweringMachine(PartyTiming.DEFAULT.withRingTime(Duration.ofSeconds(3)).withHoldTime(Duration.ofSeconds(30)));
    }
}
