package org.serveline.server.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asterisk's words for a softphone become codes the console translates: every device state and contact status in
 * the real Asterisk 22 traces, and the words the telephony module's DeviceStateList listing gives; every code has a
 * text in both console bundles, so no screen shows Asterisk's English.
 */
class SoftphoneStateTests {

    private static final Path TRACES = Path.of(System.getProperty("serveline.fixtures",
            "/work/shared/fixtures/asterisk"));
    private static final Pattern WORD = Pattern.compile("^(?:<< )?(?:State|ContactStatus|PeerStatus): (.+)$",
            Pattern.MULTILINE);

    @Test
    void everyStateAndContactStatusInTheRealTracesHasItsCode() throws IOException {
        Set<String> words = new TreeSet<>();
        try (Stream<Path> traces = Files.list(TRACES)) {
            for (Path trace : traces.filter(p -> p.toString().endsWith(".txt")).toList()) {
                Matcher m = WORD.matcher(Files.readString(trace));
                while (m.find()) {
                    words.add(m.group(1).strip());
                }
            }
        }
        assertThat(words).as("words in the traces").contains("NOT_INUSE", "INUSE", "RINGING", "UNAVAILABLE",
                "Removed", "NonQualified", "Reachable");
        for (String word : words) {
            assertThat(SoftphoneState.of(word)).as("code of '%s'", word).isNotEqualTo(SoftphoneState.UNKNOWN);
        }
    }

    @Test
    void theDeviceStateListWordsAndTheRawStatesMapToTheSameCodes() {
        // as ContactQuery words them (devstate2str), and as a DeviceStateChange event carries them
        List<String[]> pairs = List.of(new String[] {"Not in use", "NOT_INUSE"}, new String[] {"In use", "INUSE"},
                new String[] {"Busy", "BUSY"}, new String[] {"Invalid", "INVALID"},
                new String[] {"Unavailable", "UNAVAILABLE"}, new String[] {"Ringing", "RINGING"},
                new String[] {"Ring+Inuse", "RINGINUSE"}, new String[] {"On Hold", "ONHOLD"});
        for (String[] pair : pairs) {
            assertThat(SoftphoneState.of(pair[0])).as(pair[0]).isEqualTo(SoftphoneState.valueOf(pair[1]))
                    .isEqualTo(SoftphoneState.of(pair[1]));
        }
        assertThat(SoftphoneState.of("Unknown")).isEqualTo(SoftphoneState.UNKNOWN);
        assertThat(SoftphoneState.of("not listed")).isEqualTo(SoftphoneState.NOT_LISTED);
        assertThat(SoftphoneState.of("something new")).isEqualTo(SoftphoneState.UNKNOWN);
        assertThat(SoftphoneState.of(null)).isEqualTo(SoftphoneState.UNKNOWN);
        assertThat(SoftphoneState.of("  reachable ")).isEqualTo(SoftphoneState.REACHABLE);
    }

    @Test
    void everyCodeHasATextInBothConsoleBundles() throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        for (String language : List.of("zh-CN", "en")) {
            JsonNode bundle = json.readTree(Path.of("src/main/resources/static/console/i18n", language + ".json")
                    .toFile());
            for (SoftphoneState state : SoftphoneState.values()) {
                assertThat(bundle.path("softphone." + state.name()).asString("")).as("%s softphone.%s", language, state)
                        .isNotBlank();
            }
        }
    }
}
