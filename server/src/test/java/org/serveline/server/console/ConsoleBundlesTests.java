package org.serveline.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console's message bundles against its sources: every key the page (data-i18n attributes) and the scripts (key
 * literals such as {@code 'op.status.none'}) use exists in both bundles, both bundles hold the same keys with a
 * non-empty text and the same {placeholders}, and the Chinese bundle's words are Chinese.
 */
class ConsoleBundlesTests {

    private static final Path STATIC = Path.of("src/main/resources/static");
    private static final Pattern HTML_KEY = Pattern.compile("data-i18n(?:-placeholder|-title)?=\"([^\"]+)\"");
    /** A quoted dotted lower-case name: a message key (but browser storage names "serveline.*" and "*.csv" files). */
    private static final Pattern SCRIPT_KEY = Pattern.compile("'([a-z][A-Za-z]*(?:\\.[A-Za-z0-9_]+)+)'");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void everyKeyThePageAndTheScriptsUseIsInBothBundles() throws IOException {
        Set<String> used = usedKeys();
        assertThat(used).as("keys found in the console's sources").hasSizeGreaterThan(150)
                .contains("op.status.none", "op.status.unregisteredOn", "receipt.notYet", "submit.done", "tab.submit");
        for (String language : new String[] {"zh-CN", "en"}) {
            assertThat(bundle(language).keySet()).as("keys of %s.json", language).containsAll(used);
        }
    }

    @Test
    void bothBundlesHoldTheSameKeysWithTextAndTheSamePlaceholders() throws IOException {
        Map<String, String> zh = bundle("zh-CN");
        Map<String, String> en = bundle("en");
        assertThat(en.keySet()).isEqualTo(zh.keySet());
        zh.forEach((key, text) -> {
            assertThat(text).as("zh-CN %s", key).isNotBlank();
            assertThat(en.get(key)).as("en %s", key).isNotBlank();
            assertThat(placeholders(en.get(key))).as("placeholders of %s", key).isEqualTo(placeholders(text));
        });
    }

    @Test
    void theChineseBundleSpeaksChinese() throws IOException {
        Map<String, String> zh = bundle("zh-CN");
        Set<String> notChinese = new TreeSet<>();
        zh.forEach((key, text) -> {
            String words = PLACEHOLDER.matcher(text).replaceAll("");
            boolean hasWords = words.codePoints().anyMatch(Character::isLetter); // not "{median} / {p90}", "138…"
            if (hasWords && words.codePoints().noneMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) {
                notChinese.add(key + "=" + text);
            }
        });
        assertThat(notChinese).as("zh-CN texts without a Chinese character").isEmpty();
        assertThat(zh.get("state.SUBMITTED")).isEqualTo("待审查");
    }

    private static Set<String> usedKeys() throws IOException {
        Set<String> keys = new TreeSet<>();
        collect(HTML_KEY, Files.readString(STATIC.resolve("index.html")), keys);
        try (Stream<Path> scripts = Files.list(STATIC.resolve("console"))) {
            for (Path script : scripts.filter(p -> p.toString().endsWith(".js")).toList()) {
                collect(SCRIPT_KEY, Files.readString(script), keys);
            }
        }
        keys.removeIf(key -> key.startsWith("serveline.") || key.endsWith(".csv")); // storage names, export files
        return keys;
    }

    private static void collect(Pattern pattern, String source, Set<String> keys) {
        Matcher matcher = pattern.matcher(source);
        while (matcher.find()) {
            keys.add(matcher.group(1));
        }
    }

    private static Set<String> placeholders(String text) {
        Set<String> names = new TreeSet<>();
        collect(PLACEHOLDER, text, names);
        return names;
    }

    private static Map<String, String> bundle(String language) throws IOException {
        JsonNode root = JSON.readTree(Files.readString(STATIC.resolve("console/i18n/" + language + ".json")));
        Map<String, String> messages = new LinkedHashMap<>();
        root.properties().forEach(entry -> messages.put(entry.getKey(), entry.getValue().asString()));
        return messages;
    }
}
