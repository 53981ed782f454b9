package org.serveline.telephony.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.serveline.telephony.prompt.NoticeData;
import org.serveline.telephony.prompt.NoticePrompts;
import org.serveline.telephony.prompt.NoticeTemplate;
import org.serveline.telephony.prompt.PromptRenderer;
import org.serveline.telephony.prompt.RenderedSegment;
import org.serveline.telephony.prompt.SpeechSynthesizer;

/** The notice's segments for every combination of the optional fields of a task. */
class NoticeScriptTests {

    @TempDir
    Path cache;

    private NoticePrompts prompts() {
        SpeechSynthesizer silence = new SpeechSynthesizer() {
            @Override
            public String voiceId() {
                return "silence";
            }

            @Override
            public void synthesize(String text, Path wavFile) {
                try {
                    Files.write(wavFile, new byte[100]);
                } catch (IOException io) {
                    throw new UncheckedIOException(io);
                }
            }

            @Override
            public void check() {
            }
        };
        return NoticePrompts.mandarin(new PromptRenderer(silence, cache));
    }

    private static List<String> names(NoticeScript script) {
        return script.notice().segments().stream().map(RenderedSegment::name).toList();
    }

    @Test
    void aFullNoticeHasEverySegmentWithTheHearingTimeAndThePublishedNumber() {
        NoticeData data = new NoticeData("法院", "（2026）京0105民初1号", "张三", List.of("传票", "起诉状副本"),
                LocalDate.of(2026, 12, 3), java.time.LocalTime.of(14, 30), "0473-3981234");

        NoticeScript script = NoticeScript.of(prompts(), data, true, Optional.of("13900000000"));

        assertThat(names(script)).containsExactly("greeting", "case", "documents", "hearing", "verify");
        assertThat(script.version().templateVersion()).isEqualTo("notice-v2.zh");
        assertThat(script.version().contentHash()).matches("[0-9a-f]{64}");
        assertThat(script.notice().wording()).containsEntry("hearing", "开庭时间2026年12月3日下午2点30分。")
                .containsEntry("verify", "核实来电请拨本院公布电话零四七三，三九八幺二三四。");
        assertThat(script.notice().wording().get("documents")).contains("传票、起诉状副本");
        assertThat(script.notice().question().prompt().text()).contains("按1", "不同意按2", "转人工按0", "重听按9");
        assertThat(script.mobile()).hasValueSatisfying(mobile -> {
            assertThat(mobile.knownNumber()).contains("13900000000");
            assertThat(mobile.request().version().templateVersion()).isEqualTo("mobile-request-v1.zh");
        });
    }

    /** A judgment or a ruling: no hearing date, and a court without a published number. */
    @Test
    void aNoticeWithoutAHearingOrAPublishedNumberLeavesThoseSegmentsOut() {
        NoticeData judgment = new NoticeData("法院", "（2026）京0105民初2号", "李四", List.of("民事判决书"), null, null);

        NoticeScript script = NoticeScript.of(prompts(), judgment, false, Optional.empty());

        assertThat(names(script)).containsExactly("greeting", "case", "documents");
        assertThat(String.join("", script.notice().wording().values())).doesNotContain("开庭", "{", "核实");
        assertThat(script.mobile()).isEmpty();
    }

    @Test
    void aHearingDateWithoutATimeIsSpokenAsTheDateAlone() {
        NoticeData dateOnly = new NoticeData("法院", "（2026）京0105民初3号", "王五", List.of("传票"),
                LocalDate.of(2027, 1, 5), null, "12368");

        NoticeScript script = NoticeScript.of(prompts(), dateOnly, false, Optional.empty());

        assertThat(script.notice().wording()).containsEntry("hearing", "开庭时间2027年1月5日。")
                .containsEntry("verify", "核实来电请拨本院公布电话幺二三六八。");
    }

    @Test
    void theVersionChangesWithTheWordingAndNotOtherwise() {
        NoticePrompts prompts = prompts();
        NoticeData data = new NoticeData("法院", "（2026）京0105民初4号", "赵六", List.of("传票"),
                LocalDateTime.of(2026, 12, 3, 9, 0));
        NoticeTemplate own = NoticeTemplate.parse("nmg0303-v1.zh", """
                [greeting]
                {court}来电。
                [question]
                同意请按1，不同意请按2。
                """);

        NoticeScript first = NoticeScript.of(prompts, data, false, Optional.empty());
        NoticeScript again = NoticeScript.of(prompts, data, false, Optional.empty());
        NoticeScript courtOwn = NoticeScript.of(prompts, own, data, false, Optional.empty());

        assertThat(again.version()).isEqualTo(first.version());
        assertThat(courtOwn.version().templateVersion()).isEqualTo("nmg0303-v1.zh");
        assertThat(courtOwn.version().contentHash()).isNotEqualTo(first.version().contentHash());
        assertThat(courtOwn.notice().wording()).containsExactly(java.util.Map.entry("greeting", "法院来电。"),
                java.util.Map.entry("question", "同意请按1，不同意请按2。"));
    }

    @Test
    void consentStepAsksTheQuestionAlone() {
        NoticeScript script = NoticeScript.consentStep(prompts(), false, Optional.empty());

        assertThat(script.notice().segments()).isEmpty();
        assertThat(script.notice().question().name()).isEqualTo("question");
        assertThat(script.version().templateVersion()).isEqualTo("notice-v2.zh.question");
        assertThat(script.mobile()).isEmpty();
    }
}
