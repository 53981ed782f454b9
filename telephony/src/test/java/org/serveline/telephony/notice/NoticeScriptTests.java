package org.serveline.telephony.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.serveline.telephony.prompt.NoticeData;
import org.serveline.telephony.prompt.NoticePrompts;
import org.serveline.telephony.prompt.PromptRenderer;
import org.serveline.telephony.prompt.SpeechSynthesizer;

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
        return NoticePrompts.mandarinV1(new PromptRenderer(silence, cache));
    }

    @Test
    void noticeScriptReportsTheNoticeVersionAndCarriesTheMobileStep() {
        NoticeData data = new NoticeData("法院", "（2026）京0105民初1号", "张三", List.of("传票"),
                LocalDateTime.of(2026, 12, 3, 9, 0));

        NoticeScript script = NoticeScript.of(prompts(), data, true, Optional.of("13900000000"));

        assertThat(script.notice().version().templateVersion()).isEqualTo("notice-v1.zh");
        assertThat(script.notice().text()).contains("张三");
        assertThat(script.consentQuestion().version().templateVersion()).isEqualTo("consent-question-v1.zh");
        assertThat(script.mobile()).hasValueSatisfying(mobile -> {
            assertThat(mobile.knownNumber()).contains("13900000000");
            assertThat(mobile.request().version().templateVersion()).isEqualTo("mobile-request-v1.zh");
        });
    }

    @Test
    void consentStepAsksTheQuestionAlone() {
        NoticeScript script = NoticeScript.consentStep(prompts(), false, Optional.empty());

        assertThat(script.notice()).isEqualTo(script.consentQuestion());
        assertThat(script.notice().version().templateVersion()).isEqualTo("consent-question-v1.zh");
        assertThat(script.mobile()).isEmpty();
    }
}
