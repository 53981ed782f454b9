package org.serveline.telephony.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoticeTemplateTests {

    @TempDir
    Path dir;

    @Test
    void theShippedNoticeHasItsSegmentsInOrderEndingWithTheQuestion() {
        NoticeTemplate notice = NoticeTemplate.load(NoticePrompts.DEFAULT_NOTICE_VERSION);

        assertThat(notice.segments()).extracting(NoticeTemplate.Segment::name)
                .containsExactly("greeting", "case", "documents", "hearing", "verify", "question");
        assertThat(notice.segments()).filteredOn(NoticeTemplate.Segment::optional)
                .extracting(NoticeTemplate.Segment::name).containsExactly("hearing", "verify");
        assertThat(notice.question().template().version()).isEqualTo("notice-v2.zh.question");
    }

    @Test
    void aRequiredSegmentWithoutItsValueIsAClearError() {
        NoticeTemplate template = NoticeTemplate.parse("t-v1", "[greeting]\n{court}\n[question]\n请按1");
        NoticeData data = new NoticeData("法院", "案号", "李四", List.of("判决书"), null, null);
        NoticeTemplate needsHearing = NoticeTemplate.parse("t-v2", "[when]\n{hearing}\n[question]\n请按1");

        assertThat(NoticeTemplate.spoken(template.segments().getFirst(), data.values())).isTrue();
        assertThatThrownBy(() -> needsHearing.segments().getFirst().template().render(data.values()))
                .isInstanceOf(PromptException.class).hasMessageContaining("{hearing}");
    }

    @Test
    void refusesTemplatesThatAreNoNotice() {
        assertThatThrownBy(() -> NoticeTemplate.parse("t-v1", "[greeting]\n您好")).isInstanceOf(PromptException.class)
                .hasMessageContaining("must end with a [question] segment");
        assertThatThrownBy(() -> NoticeTemplate.parse("t-v1", "您好\n[question]\n请按1"))
                .isInstanceOf(PromptException.class).hasMessageContaining("before the first [segment]");
        assertThatThrownBy(() -> NoticeTemplate.parse("t-v1", "[a]\n\n[question]\n请按1"))
                .isInstanceOf(PromptException.class).hasMessageContaining("[a] is empty");
        assertThatThrownBy(() -> NoticeTemplate.parse("t-v1", "[a]\nx\n[a]\ny\n[question]\n请按1"))
                .isInstanceOf(PromptException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> NoticeTemplate.parse("../x", "[question]\n请按1")).isInstanceOf(PromptException.class);
    }

    @Test
    void readsACourtsOwnWordingFromAFileNamedByItsVersion() throws IOException {
        Path file = Files.writeString(dir.resolve("nmg0303-v3.zh.txt"), "# ours\n[greeting]\n{court}\n[question]\n请按1");

        NoticeTemplate own = NoticeTemplate.read(file);

        assertThat(own.version()).isEqualTo("nmg0303-v3.zh");
        assertThat(own.segments()).hasSize(2);
        assertThatThrownBy(() -> NoticeTemplate.read(dir.resolve("missing.txt"))).isInstanceOf(PromptException.class)
                .hasMessageContaining("missing.txt");
    }
}
