package org.serveline.server.delivery;

/**
 * The Chinese texts sent to a party: the court and the case, the short portal link and its code, and how to check
 * that the message is genuine (the court's published number; the national litigation hotline 12368 when the court
 * publishes none), with the usual warning against fraud.
 */
final class MessageTexts {

    /** What a message needs to know. {@code publishedPhone} may be null. */
    record Facts(String court, String caseNumber, String party, String url, String code, String publishedPhone) {
    }

    private MessageTexts() {
    }

    static String sms(Facts f) {
        return "【%s】%s：您的案件%s的诉讼文书已向您电子送达，请打开 %s 输入验证码 %s 查看。%s".formatted(f.court(),
                f.party(), f.caseNumber(), f.url(), f.code(), check(f));
    }

    static String flash(Facts f) {
        return "【%s】%s：法院向您送达案件%s的诉讼文书，详见随后短信。".formatted(f.court(), f.party(), f.caseNumber());
    }

    static String subject(String prefix, Facts f) {
        return "%s：%s %s".formatted(prefix, f.court(), f.caseNumber());
    }

    static String email(Facts f) {
        return """
                %s：

                %s已向您电子送达案件%s的诉讼文书。

                请在浏览器中打开：%s
                验证码：%s

                %s

                （本邮件由系统发送，请勿直接回复。）
                """.formatted(f.party(), f.court(), f.caseNumber(), f.url(), f.code(), check(f));
    }

    private static String check(Facts f) {
        String phone = f.publishedPhone() == null || f.publishedPhone().isBlank() ? "12368诉讼服务热线"
                : "法院公布电话" + f.publishedPhone();
        return "如需核实真伪，请拨打" + phone + "。法院不会要求转账汇款或索要银行卡密码。";
    }
}
