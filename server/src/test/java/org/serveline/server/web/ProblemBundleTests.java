package org.serveline.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.serveline.server.campaign.CampaignState;
import org.serveline.server.fieldwork.FieldOutcome;
import org.serveline.server.task.TaskState;
import org.serveline.server.task.TaskTrigger;

/**
 * The problems bundle (ADR 0026): every key a call site names has its Chinese text, every state, move and outcome a
 * message names by code has its Chinese name, and the reader's language is read from {@code Accept-Language}.
 */
class ProblemBundleTests {

    private static final Pattern KEY = Pattern.compile("(?:ProblemText\\.of\\(|new ProblemText\\()\\s*\"([a-z0-9.-]+)\"");
    private static final Pattern LIMIT_KEY = Pattern.compile("new InvalidLimitException\\([^,]+,\\s*\"([a-z0-9-]+)\"");

    @Test
    void everyKeyACallSiteNamesHasItsChineseText() throws IOException {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                String code = Files.readString(source);
                Matcher key = KEY.matcher(code);
                while (key.find()) {
                    if (!key.group(1).endsWith(".")) { // a prefix ("task.state." + state): checked by code below
                        used.add(key.group(1));
                    }
                }
                Matcher limit = LIMIT_KEY.matcher(code);
                while (limit.find()) {
                    used.add("campaign.limit." + limit.group(1));
                }
            }
        }
        Properties zh = bundle("problems_zh_CN.properties");
        assertThat(used).as("keys named in the sources").hasSizeGreaterThan(80);
        assertThat(zh.stringPropertyNames()).containsAll(used);
        for (String key : zh.stringPropertyNames()) {
            assertThat(zh.getProperty(key)).as(key).matches(".*\\p{IsHan}.*");
        }
    }

    @Test
    void everyCodeAMessageNamesHasItsChineseName() throws IOException {
        Properties zh = bundle("problems_zh_CN.properties");
        Arrays.stream(TaskState.values()).forEach(s -> assertThat(zh).containsKey("task.state." + s));
        Arrays.stream(TaskTrigger.values()).forEach(t -> assertThat(zh).containsKey("task.trigger." + t));
        Arrays.stream(CampaignState.values()).forEach(s -> assertThat(zh).containsKey("campaign.state." + s));
        Arrays.stream(FieldOutcome.values()).forEach(o -> assertThat(zh).containsKey("field.outcome." + o));
    }

    @Test
    void theReadersLanguageIsChineseOnlyWhenAChineseRangeComesFirst() {
        assertThat(ReaderLocale.of("zh-CN")).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        assertThat(ReaderLocale.of("zh")).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        assertThat(ReaderLocale.of("fr, zh-CN;q=0.8, en;q=0.5")).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        assertThat(ReaderLocale.of("en-US, zh-CN;q=0.8")).isEqualTo(Locale.ENGLISH);
        assertThat(ReaderLocale.of("zh-CN;q=0, en")).isEqualTo(Locale.ENGLISH);
        assertThat(ReaderLocale.of("*")).isEqualTo(Locale.ENGLISH);
        assertThat(ReaderLocale.of((String) null)).isEqualTo(Locale.ENGLISH);
        assertThat(ReaderLocale.of("")).isEqualTo(Locale.ENGLISH);
        assertThat(ReaderLocale.of(";;q=x,,")).isEqualTo(Locale.ENGLISH);
    }

    @Test
    void aTextIsRenderedInTheReadersLanguageWithItsArgumentsAsWrittenAndEnglishOtherwise() {
        ProblemMessages messages = new ProblemMessages();
        ProblemText missing = ProblemText.of("task.not-found", "no service task with id 1234567", 1234567L);
        assertThat(messages.render(missing, Locale.SIMPLIFIED_CHINESE)).isEqualTo("没有编号为 1234567 的送达任务");
        assertThat(messages.render(missing, Locale.ENGLISH)).isEqualTo("no service task with id 1234567");
        ProblemText phone = ProblemText.of("phone.invalid", "'1'2' is not a valid phone number", "1'2");
        assertThat(messages.render(phone, Locale.SIMPLIFIED_CHINESE)).isEqualTo("“1'2”不是有效的电话号码");
        assertThat(messages.render(phone, Locale.ENGLISH)).as("the English as written, quotes and all")
                .isEqualTo("'1'2' is not a valid phone number");
        ProblemText unknownKey = ProblemText.of("no.such.key", "as written {0}", "x");
        assertThat(messages.render(unknownKey, Locale.SIMPLIFIED_CHINESE)).isEqualTo("as written {0}");
        assertThat(messages.render(ProblemText.untranslated("only English"), Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("only English");
        assertThat(messages.title(404, "Not found", Locale.SIMPLIFIED_CHINESE)).isEqualTo("未找到");
        assertThat(messages.title(404, "Not found", Locale.ENGLISH)).isEqualTo("Not found");
        assertThat(messages.title(418, "I'm a teapot", Locale.SIMPLIFIED_CHINESE)).isEqualTo("I'm a teapot");
    }

    private static Properties bundle(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ProblemBundleTests.class.getResourceAsStream("/" + name)) {
            assertThat(in).as(name).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
