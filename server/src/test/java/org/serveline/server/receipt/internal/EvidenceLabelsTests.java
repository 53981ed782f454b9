package org.serveline.server.receipt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EvidenceLabelsTests {

    @Test
    void knownActionsKeysChannelsAndRulesHaveChineseLabels() {
        assertThat(EvidenceLabels.action("POSTAL_SIGNED")).isEqualTo("邮件签收");
        assertThat(EvidenceLabels.action("PORTAL_FIRST_OPEN")).isEqualTo("受送达人首次打开文书链接");
        assertThat(EvidenceLabels.key("trackingNumber")).isEqualTo("邮件号");
        assertThat(EvidenceLabels.channel("PUBLIC_NOTICE")).isEqualTo("公告送达");
        assertThat(EvidenceLabels.rule("HANDED_TO_FAMILY")).isEqualTo("同住成年家属代为签收之日");
        assertThat(EvidenceLabels.role("RESPONDENT")).isEqualTo("被申请人");
    }

    @Test
    void unknownOnesAreStillPrintedReadably() {
        assertThat(EvidenceLabels.action("LOOKUP_CARRIER_TIMEOUT")).isEqualTo("联系方式查询：carrier timeout");
        assertThat(EvidenceLabels.action("SOMETHING_ELSE")).isEqualTo("something else");
        assertThat(EvidenceLabels.key("bulletinRef")).isEqualTo("bulletinRef");
        assertThat(EvidenceLabels.channel("DRONE")).isEqualTo("DRONE");
        assertThat(EvidenceLabels.rule(null)).isEqualTo("未记载");
    }
}
