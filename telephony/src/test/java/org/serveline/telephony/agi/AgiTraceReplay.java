package org.serveline.telephony.agi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Plays Asterisk from a recorded FastAGI trace ({@code agi-*.raw} / {@code .txt} in the fixtures): the recorded
 * agi_ block, then for each command the recorded reply to a command of the same kind. Where the trace has Asterisk's
 * {@code HANGUP} line, the channel is dead from there on: the next command gets that line and the recorded 511.
 * Kinds the trace never saw get Asterisk's reply format for them (GET VARIABLE from {@code variables}, SET VARIABLE
 * 1, CHANNEL STATUS 6 = up, anything else 510).
 */
public final class AgiTraceReplay implements Function<String, List<String>> {

    private static final List<String> KINDS = List.of("ANSWER", "STREAM FILE", "WAIT FOR DIGIT", "GET DATA",
            "GET VARIABLE", "SET VARIABLE", "CHANNEL STATUS", "SAY DIGITS", "HANGUP");
    private static final String DEFAULT_DEAD_REPLY = "511 Command Not Permitted on a dead channel or intercept routine";

    private final String environment;
    private final Map<String, List<String>> replies;
    private final String deadAfterKind;
    private final String deadReply;
    private final Map<String, String> variables;
    private BiConsumer<String, List<String>> onReply = (command, reply) -> { };
    private boolean dead;
    private boolean hangupSent;

    private AgiTraceReplay(String environment, Map<String, List<String>> replies, String deadAfterKind,
            String deadReply, Map<String, String> variables) {
        this.environment = environment;
        this.replies = replies;
        this.deadAfterKind = deadAfterKind;
        this.deadReply = deadReply;
        this.variables = Map.copyOf(variables);
    }

    public static Path fixtures() {
        return Path.of(System.getProperty("serveline.fixtures", "/work/shared/fixtures/asterisk"));
    }

    /** Loads {@code <name>.raw} and {@code <name>.txt}, e.g. {@code agi-1001}, checking the two agree. */
    public static AgiTraceReplay load(String name, Map<String, String> variables) throws IOException {
        String raw = Files.readString(fixtures().resolve(name + ".raw"), StandardCharsets.UTF_8);
        List<String> transcript = Files.readAllLines(fixtures().resolve(name + ".txt"), StandardCharsets.UTF_8);
        int end = raw.indexOf("\n\n");
        String environment = raw.substring(0, end + 2);

        Map<String, List<String>> replies = new LinkedHashMap<>();
        List<String> fromAsterisk = new ArrayList<>();
        List<String> kindOfLine = new ArrayList<>();
        String kind = null;
        boolean afterEnvironment = false;
        for (String line : transcript) {
            if (line.equals("<<")) {
                afterEnvironment = true;
            } else if (afterEnvironment && line.startsWith(">> ")) {
                kind = kindOf(line.substring(3));
            } else if (afterEnvironment && line.startsWith("<< ")) {
                String reply = line.substring(3);
                fromAsterisk.add(reply);
                kindOfLine.add(kind);
                if (!reply.equals("HANGUP")) {
                    replies.computeIfAbsent(kind, k -> new ArrayList<>());
                    if (replies.get(kind).isEmpty()) {
                        replies.get(kind).add(reply);
                    }
                }
            }
        }
        assertThat(raw.substring(end + 2)).as("the .txt transcript matches the .raw bytes of " + name)
                .isEqualTo(fromAsterisk.isEmpty() ? "" : String.join("\n", fromAsterisk) + "\n");

        int hangupLine = fromAsterisk.indexOf("HANGUP");
        String deadAfter = hangupLine > 0 ? kindOfLine.get(hangupLine - 1) : null;
        String deadReply = fromAsterisk.stream().filter(line -> line.startsWith("511")).findFirst()
                .orElse(DEFAULT_DEAD_REPLY);
        return new AgiTraceReplay(environment, replies, deadAfter, deadReply, variables);
    }

    static String kindOf(String command) {
        return KINDS.stream().filter(command::startsWith).findFirst().orElse(command.split(" ")[0]);
    }

    /** The recorded agi_ block, byte for byte, with its ending empty line. */
    public String environment() {
        return environment;
    }

    /** Called with each command and the lines sent back, e.g. to move a test clock. */
    public AgiTraceReplay onReply(BiConsumer<String, List<String>> listener) {
        this.onReply = listener;
        return this;
    }

    @Override
    public synchronized List<String> apply(String command) {
        String kind = kindOf(command);
        List<String> reply = new ArrayList<>();
        if (dead) {
            if (!hangupSent) {
                reply.add("HANGUP");
                hangupSent = true;
            }
            reply.add(deadReply);
        } else if (replies.containsKey(kind)) {
            reply.addAll(replies.get(kind));
            dead = kind.equals(deadAfterKind);
        } else {
            reply.add(synthesized(kind, command));
        }
        onReply.accept(command, reply);
        return reply;
    }

    private String synthesized(String kind, String command) {
        return switch (kind) {
            case "GET VARIABLE" -> {
                String name = command.substring("GET VARIABLE ".length()).replace("\"", "");
                yield variables.containsKey(name) ? "200 result=1 (" + variables.get(name) + ")" : "200 result=0";
            }
            case "SET VARIABLE" -> "200 result=1";
            case "CHANNEL STATUS" -> "200 result=6";
            default -> "510 Invalid or unknown command";
        };
    }

    Map<String, List<String>> recordedReplies() {
        return new HashMap<>(replies);
    }
}
