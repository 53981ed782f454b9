package org.serveline.telephony.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromptTemplateTests {

    static final NoticeData NOTICE_DATA = new NoticeData("北京市朝阳区人民法院", "（2026）京0105民初1234号", "张三",
            List.of("起诉状副本", "应诉通知书", "开庭传票"), LocalDateTime.of(2026, 12, 3, 9, 30));

    @Test
    void rendersTheShippedNoticeWithEveryValue() {
        PromptTemplate notice = PromptTemplate.load("notice-v1.zh");

        String text = notice.render(NOTICE_DATA.values());

        assertThat(notice.version()).isEqualTo("notice-v1.zh");
        assertThat(notice.placeholders()).containsExactlyInAnyOrder("court", "caseNumber", "partyName", "documents",
                "hearingSentence");
        assertThat(text).contains("北京市朝阳区人民法院", "（2026）京0105民初1234号", "张三",
                "起诉状副本、应诉通知书、开庭传票", "2026年12月3日上午9点30分", "请按1")
                .doesNotContain("{", "#");
    }

    @Test
    void speaksAnAfternoonHourOnTheTwelveHourClock() {
        NoticeData afternoon = new NoticeData("法院", "案号", "李四", List.of("传票"), LocalDateTime.of(2027, 1, 5, 14, 0));

        assertThat(afternoon.values().get("hearingSentence")).isEqualTo("本案定于2027年1月5日下午2点开庭审理。");
    }

    @Test
    void aNoticeWithoutHearingSaysNothingOfOneAndADateAloneNoHour() {
        NoticeData none = new NoticeData("法院", "案号", "李四", List.of("判决书"), null, null);
        NoticeData dateOnly = new NoticeData("法院", "案号", "李四", List.of("传票"), java.time.LocalDate.of(2027, 1, 5), null);

        assertThat(none.values()).doesNotContainKeys("hearingSentence", "hearing", "publishedPhone");
        assertThat(dateOnly.values().get("hearingSentence")).isEqualTo("本案定于2027年1月5日开庭审理。");
    }

    @Test
    void refusesToRenderWithAMissingValue() {
        PromptTemplate template = new PromptTemplate("t-v1", "# note\n{court}，{partyName}");

        assertThatThrownBy(() -> template.render(Map.of("court", "法院"))).isInstanceOf(PromptException.class)
                .hasMessageContaining("{partyName}");
        assertThat(template.render(Map.of("court", "法院", "partyName", "王五"))).isEqualTo("法院，王五");
    }

    @Test
    void failsClearlyForATemplateThatDoesNotExist() {
        assertThatThrownBy(() -> PromptTemplate.load("notice-v99.zh")).isInstanceOf(PromptException.class)
                .hasMessageContaining("notice-v99.zh.txt");
        assertThatThrownBy(() -> new PromptTemplate("../etc", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aHearingTimeNeedsADateAndAPublishedNumberMustBeOne() {
        java.time.LocalTime nine = java.time.LocalTime.of(9, 0);
        assertThatThrownBy(() -> new NoticeData("法院", "案号", "李四", List.of("传票"), null, nine))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hearing date");
        assertThatThrownBy(() -> new NoticeData("法院", "案号", "李四", List.of("传票"), null, null, "call me"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a phone number");
    }

    @Test
    void refusesANoticeWithoutDocuments() {
        assertThatThrownBy(() -> new NoticeData("法院", "案号", "李四", List.of(), LocalDateTime.now()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
