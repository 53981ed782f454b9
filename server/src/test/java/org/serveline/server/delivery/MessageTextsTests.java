package org.serveline.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The party's messages: court, case, link, code, and how to check they are genuine. */
class MessageTextsTests {

    private static final MessageTexts.Facts FACTS = new MessageTexts.Facts("乌海市海南区人民法院", "(2026)内0303民初1234号",
            "张三", "https://ss.court.cn/s/AbCdEfGhJkMnPqRs", "042917", "0473-3961234");

    @Test
    void theSmsNamesCourtCaseLinkCodeAndThePublishedNumber() {
        assertThat(MessageTexts.sms(FACTS)).startsWith("【乌海市海南区人民法院】张三").contains("(2026)内0303民初1234号",
                "https://ss.court.cn/s/AbCdEfGhJkMnPqRs", "042917", "法院公布电话0473-3961234", "不会要求转账");
    }

    @Test
    void withoutAPublishedNumberThePartyIsSentToTheNationalHotline() {
        MessageTexts.Facts none = new MessageTexts.Facts("法院", "(2026)内0303民初1号", "李四", "u", "000001", null);

        assertThat(MessageTexts.sms(none)).contains("12368诉讼服务热线").doesNotContain("null");
        assertThat(MessageTexts.email(none)).contains("12368诉讼服务热线", "验证码：000001");
    }

    @Test
    void theFlashSmsFitsOneMessageAndCarriesNoCode() {
        assertThat(MessageTexts.flash(FACTS)).hasSizeLessThanOrEqualTo(70).doesNotContain("042917");
    }
}
