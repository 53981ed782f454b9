package org.serveline.pbxsim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.serveline.pbxsim.call.AgiTurnTimes;
import org.serveline.pbxsim.call.SimChannel;
import org.serveline.pbxsim.party.PartyBehaviour;

/**
 * The simulator in a process of its own, driven over its standard streams, so that a load harness can measure
 * another JVM's CPU without the simulator's in it. Start:
 * {@code java -cp ... org.serveline.pbxsim.SimulatorProcess [--ami-port P] [--time-scale T] [--spool DIR]
 * [--default-party consent|no-answer|busy|refuse|hang-up|silent] [--event-filter serveline|none]}.
 * Once listening it prints {@code pbxsim ready ami=<port>}; then it answers each line read from standard input with
 * one line starting {@code pbxsim } (other lines on standard output are the simulator's log):
 * <ul>
 * <li>{@code counters} → {@code pbxsim counters started=<n> ended=<n> active=<n> agi_turns=<n>}</li>
 * <li>{@code agi-turns [skip]} → {@code pbxsim agi-turns p50=<ms> p99=<ms> max=<ms>}: of the turns timed after
 *     the first {@code skip} (NaN when none was)</li>
 * <li>{@code channels} → {@code pbxsim channels <task>=<attempt> ...}: every live channel with both
 *     {@code SERVELINE_TASK_ID} and {@code SERVELINE_ATTEMPT_ID}</li>
 * <li>{@code events} → {@code pbxsim events passed=<n> filtered=<n>}</li>
 * <li>{@code originates <skip>} → {@code pbxsim originates n=<n> us=<t>,<t>,...}: when each valid Originate after
 *     the first {@code skip} arrived, in µs on the simulator's clock, ascending</li>
 * <li>{@code stop}, or the end of standard input → {@code pbxsim stopped}, and the process exits.</li>
 * </ul>
 * An unknown command is answered {@code pbxsim error unknown command '<line>'}.
 */
public final class SimulatorProcess {

    private SimulatorProcess() {
    }

    public static void main(String[] args) throws IOException {
        SimulatorConfig config;
        try {
            config = config(args);
        } catch (IllegalArgumentException e) {
            System.err.println("pbxsim: " + e.getMessage());
            System.exit(2);
            return;
        }
        try (PbxSimulator simulator = new PbxSimulator(config)) {
            System.out.println("pbxsim ready ami=" + simulator.start().ami());
            System.out.flush();
            serve(simulator, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                    System.out);
        }
        System.exit(0);
    }

    /** The configuration the options name; throws {@link IllegalArgumentException} on an unknown or bad option. */
    static SimulatorConfig config(String[] args) throws IOException {
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("option " + args[args.length - 1] + " has no value");
        }
        SimulatorConfig.Builder builder = SimulatorConfig.builder().amiPort(0);
        Path spool = null;
        for (int i = 0; i < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--ami-port" -> builder.amiPort(Integer.parseInt(value));
                case "--time-scale" -> builder.timeScale(Double.parseDouble(value));
                case "--spool" -> spool = Path.of(value);
                case "--default-party" -> builder.defaultParty(party(value));
                case "--event-filter" -> builder.amiEventFilter(switch (value) {
                    case "serveline" -> SimulatorConfig.servelineEventFilter();
                    case "none" -> List.of();
                    default -> throw new IllegalArgumentException("--event-filter is serveline or none, not " + value);
                });
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        return builder.spoolDir(spool != null ? spool : Files.createTempDirectory("pbxsim-spool")).build();
    }

    private static PartyBehaviour party(String name) {
        return switch (name) {
            case "consent" -> PartyBehaviour.consent();
            case "refuse" -> PartyBehaviour.refuse();
            case "no-answer" -> PartyBehaviour.noAnswer();
            case "busy" -> PartyBehaviour.busy();
            case "hang-up" -> PartyBehaviour.hangUp();
            case "silent" -> PartyBehaviour.silent();
            default -> throw new IllegalArgumentException("unknown --default-party " + name);
        };
    }

    /** Answers commands until {@code stop} or the end of {@code in}. */
    static void serve(PbxSimulator simulator, BufferedReader in, PrintStream out) throws IOException {
        String line;
        while ((line = in.readLine()) != null) {
            String command = line.strip();
            if (command.equals("stop")) {
                break;
            }
            out.println("pbxsim " + answer(simulator, command));
            out.flush();
        }
        out.println("pbxsim stopped");
        out.flush();
    }

    private static String answer(PbxSimulator simulator, String command) {
        if (command.matches("agi-turns \\d+")) {
            int skip = Integer.parseInt(command.substring("agi-turns ".length()));
            AgiTurnTimes turns = simulator.counters().agiTurns();
            return String.format(Locale.ROOT, "agi-turns p50=%.3f p99=%.3f max=%.3f", turns.percentileMillis(50, skip),
                    turns.percentileMillis(99, skip), turns.percentileMillis(100, skip));
        }
        if (command.matches("originates \\d+")) {
            long[] times = simulator.counters().originates().after(
                    Integer.parseInt(command.substring("originates ".length())));
            return "originates n=" + times.length + " us=" + java.util.Arrays.stream(times)
                    .mapToObj(Long::toString).collect(java.util.stream.Collectors.joining(","));
        }
        return switch (command) {
            case "counters" -> String.format(Locale.ROOT, "counters started=%d ended=%d active=%d agi_turns=%d",
                    simulator.counters().callsStarted(), simulator.counters().callsEnded(),
                    simulator.counters().callsActive(), simulator.counters().agiTurns().measured());
            case "agi-turns" -> String.format(Locale.ROOT, "agi-turns p50=%.3f p99=%.3f max=%.3f",
                    simulator.counters().agiTurns().percentileMillis(50),
                    simulator.counters().agiTurns().percentileMillis(99),
                    simulator.counters().agiTurns().percentileMillis(100));
            case "channels" -> {
                List<String> pairs = new ArrayList<>();
                for (SimChannel channel : simulator.channels()) {
                    String task = channel.variable("SERVELINE_TASK_ID");
                    String attempt = channel.variable("SERVELINE_ATTEMPT_ID");
                    if (task != null && attempt != null) {
                        pairs.add(task + "=" + attempt);
                    }
                }
                yield pairs.isEmpty() ? "channels" : "channels " + String.join(" ", pairs);
            }
            case "events" -> "events passed=" + simulator.amiEvents().passed() + " filtered="
                    + simulator.amiEvents().filtered();
            default -> "error unknown command '" + command + "'";
        };
    }
}
