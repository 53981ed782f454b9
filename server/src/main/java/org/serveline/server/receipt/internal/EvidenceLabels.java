package org.serveline.server.receipt.internal;

import java.util.Locale;
import java.util.Map;

/**
 * Chinese labels for the channels, service-date rules, evidence actions and evidence keys a receipt prints. What is
 * not known here is still printed, readably: an unknown action as its channel's label and its words, an unknown key
 * as it is. One table for every channel, so a new channel's evidence appears without a receipt of its own.
 */
public final class EvidenceLabels {

    private static final Map<String, String> CHANNELS = Map.of(
            "ELECTRONIC", "电子送达",
            "POSTAL", "邮寄送达",
            "IN_PERSON", "直接送达",
            "PUBLIC_NOTICE", "公告送达",
            "PHONE", "电话告知");

    private static final Map<String, String> ROLES = Map.of(
            "PLAINTIFF", "原告",
            "DEFENDANT", "被告",
            "THIRD_PARTY", "第三人",
            "APPELLANT", "上诉人",
            "APPELLEE", "被上诉人",
            "APPLICANT", "申请人",
            "RESPONDENT", "被申请人",
            "OTHER", "其他诉讼参与人");

    private static final Map<String, String> RULES = Map.of(
            "SMSC_DELIVERED", "短信到达受送达人特定系统之日（短信中心送达报告）",
            "MAIL_ACCEPTED", "电子邮件到达受送达人特定系统之日（收件服务器接收）",
            "PORTAL_FIRST_OPEN", "受送达人首次打开文书链接之日",
            "POSTAL_SIGNED", "邮件签收之日",
            "HANDED_TO_PARTY", "受送达人本人签收之日",
            "HANDED_TO_FAMILY", "同住成年家属代为签收之日",
            "LODGED", "留置送达之日",
            "NOTICE_PERIOD_ELAPSED", "公告期满之日，视为送达");

    private static final Map<String, String> PREFIXES = Map.of(
            "PORTAL_", "文书门户",
            "POSTAL_", "邮寄送达",
            "FIELD_", "直接送达",
            "PUBLIC_NOTICE_", "公告送达",
            "LOOKUP_", "联系方式查询",
            "DELIVERY_", "电子送达发送");

    private static final Map<String, String> ACTIONS = Map.ofEntries(
            Map.entry("DELIVERY_QUEUED", "电子送达消息待发送"),
            Map.entry("DELIVERY_SENT", "电子送达消息已发出"),
            Map.entry("DELIVERY_CONFIRMED", "电子送达消息到达确认"),
            Map.entry("DELIVERY_FAILED", "电子送达消息发送失败"),
            Map.entry("DELIVERY_RETRY_SCHEDULED", "安排重新发送"),
            Map.entry("DELIVERY_NO_ADDRESS", "无可用电子送达地址"),
            Map.entry("DELIVERY_NO_NEXT_CHANNEL", "无后续送达方式"),
            Map.entry("PORTAL_LINK_ISSUED", "文书链接已生成"),
            Map.entry("PORTAL_LINK_REISSUED", "文书链接重新签发"),
            Map.entry("PORTAL_FIRST_OPEN", "受送达人首次打开文书链接"),
            Map.entry("PORTAL_DOCUMENTS_LISTED", "查看文书列表"),
            Map.entry("PORTAL_DOCUMENT_VIEWED", "在线查看文书"),
            Map.entry("PORTAL_DOCUMENT_DOWNLOADED", "下载文书"),
            Map.entry("PORTAL_LOCKED_TRIED", "链接锁定后再次尝试"),
            Map.entry("POSTAL_NOT_MAILABLE", "无法邮寄"),
            Map.entry("PUBLIC_NOTICE_PERIOD_SET", "设定公告期"),
            Map.entry("PUBLIC_NOTICE_SENT", "公告推送至外部公告平台"),
            Map.entry("PUBLIC_NOTICE_WITHDRAWN", "公告撤回"),
            Map.entry("FIELD_ASSIGNMENT_OPENED", "送达人员查看任务"),
            Map.entry("FIELD_UPLOAD", "上传现场证据"),
            Map.entry("LOOKUP_ADDRESS_FOUND", "查得地址"),
            Map.entry("LOOKUP_CONTACTS_IMPORTED", "导入联系方式"),
            Map.entry("PORTAL_OPENED", "受送达人打开文书链接"),
            Map.entry("PORTAL_CODE_ACCEPTED", "验证码核验通过"),
            Map.entry("PORTAL_CODE_FAILED", "验证码错误"),
            Map.entry("PORTAL_LOCKED", "链接因多次验证码错误被锁定"),
            Map.entry("PORTAL_REISSUED", "链接已重新签发"),
            Map.entry("PORTAL_VIEWED", "查看文书"),
            Map.entry("PORTAL_DOWNLOADED", "下载文书"),
            Map.entry("POSTAL_MAILING_CREATED", "生成邮寄单"),
            Map.entry("POSTAL_BOOKED", "交邮"),
            Map.entry("POSTAL_ACCEPTED", "邮政收寄"),
            Map.entry("POSTAL_IN_TRANSIT", "运输途中"),
            Map.entry("POSTAL_OUT_FOR_DELIVERY", "派送中"),
            Map.entry("POSTAL_SIGNED", "邮件签收"),
            Map.entry("POSTAL_RETURNED", "邮件退回"),
            Map.entry("POSTAL_STATUS", "邮件状态更新"),
            Map.entry("FIELD_ASSIGNED", "指派送达人员"),
            Map.entry("FIELD_UPLOADED", "上传现场证据"),
            Map.entry("FIELD_OUTCOME", "现场送达结果"),
            Map.entry("FIELD_SERVED", "当面送达"),
            Map.entry("FIELD_LODGED", "留置送达"),
            Map.entry("FIELD_NOT_FOUND", "未找到受送达人"),
            Map.entry("PUBLIC_NOTICE_CREATED", "生成公告"),
            Map.entry("PUBLIC_NOTICE_PUBLISHED", "公告发布"),
            Map.entry("PUBLIC_NOTICE_ELAPSED", "公告期满"),
            Map.entry("LOOKUP_QUERIED", "查询联系方式"),
            Map.entry("LOOKUP_FOUND", "查得联系方式"),
            Map.entry("LOOKUP_NOTHING_FOUND", "未查得联系方式"));

    private static final Map<String, String> KEYS = Map.ofEntries(
            Map.entry("channel", "送达方式"),
            Map.entry("serviceDate", "送达日期"),
            Map.entry("serviceDateRule", "送达日期认定依据"),
            Map.entry("address", "送达地址"),
            Map.entry("deliveryReceipt", "送达回执"),
            Map.entry("attemptId", "呼叫编号"),
            Map.entry("recording", "录音编号"),
            Map.entry("recordingSha256", "录音SHA-256"),
            Map.entry("number", "号码"),
            Map.entry("consentDigit", "同意按键"),
            Map.entry("consentOffsetMs", "同意时点（录音内毫秒）"),
            Map.entry("scriptVersion", "告知脚本版本"),
            Map.entry("mobileNumber", "确认的手机号码"),
            Map.entry("answeredAt", "接通时间"),
            Map.entry("email", "电子邮箱"),
            Map.entry("messageId", "消息编号"),
            Map.entry("smscMessageId", "短信中心消息编号"),
            Map.entry("doneDate", "送达报告时间"),
            Map.entry("smtpReply", "收件服务器应答"),
            Map.entry("documentId", "文书编号"),
            Map.entry("fileName", "文件名"),
            Map.entry("sha256", "SHA-256"),
            Map.entry("ip", "IP地址"),
            Map.entry("remoteAddress", "IP地址"),
            Map.entry("userAgent", "浏览器标识"),
            Map.entry("trackingNumber", "邮件号"),
            Map.entry("carrier", "承运方"),
            Map.entry("status", "状态"),
            Map.entry("signedBy", "签收人"),
            Map.entry("signer", "签收人"),
            Map.entry("signerRelation", "签收人身份"),
            Map.entry("signedAt", "签收时间"),
            Map.entry("returnReason", "退回原因"),
            Map.entry("agent", "送达人员"),
            Map.entry("outcome", "结果"),
            Map.entry("witness", "见证人"),
            Map.entry("photoSha256", "照片SHA-256"),
            Map.entry("mediaSha256", "影像SHA-256"),
            Map.entry("exifTime", "拍摄时间"),
            Map.entry("gps", "拍摄位置"),
            Map.entry("noticeId", "公告编号"),
            Map.entry("publishedAt", "发布时间"),
            Map.entry("period", "公告期"),
            Map.entry("periodDays", "公告期（天）"),
            Map.entry("elapsesOn", "公告期满日"),
            Map.entry("publisher", "发布渠道"),
            Map.entry("provider", "查询来源"),
            Map.entry("purpose", "查询目的"),
            Map.entry("found", "查询结果"),
            Map.entry("recipient", "接收地址"),
            Map.entry("medium", "送达媒介"),
            Map.entry("gatewayReply", "网关应答"),
            Map.entry("reply", "应答"),
            Map.entry("kind", "类型"),
            Map.entry("message", "说明"),
            Map.entry("relation", "与受送达人关系"),
            Map.entry("location", "位置"),
            Map.entry("document", "文书"),
            Map.entry("documents", "文书"),
            Map.entry("tries", "尝试次数"),
            Map.entry("statusText", "状态说明"),
            Map.entry("serviceDay", "送达日"),
            Map.entry("reference", "参考号"),
            Map.entry("timeZone", "时区"),
            Map.entry("hash", "哈希值"),
            Map.entry("sha", "SHA-256"),
            Map.entry("until", "截止时间"),
            Map.entry("occurredAt", "发生时间"),
            Map.entry("error", "错误"),
            Map.entry("source", "来源"),
            Map.entry("reason", "原因"));

    private EvidenceLabels() {
    }

    public static String channel(String channel) {
        return channel == null ? "未记载" : CHANNELS.getOrDefault(channel, channel);
    }

    public static String role(String role) {
        return role == null ? "未记载" : ROLES.getOrDefault(role, role);
    }

    public static String rule(String rule) {
        return rule == null ? "未记载" : RULES.getOrDefault(rule, rule);
    }

    /** The Chinese name of an evidence action; unknown ones as their channel's label and their words. */
    public static String action(String action) {
        String known = ACTIONS.get(action);
        if (known != null) {
            return known;
        }
        return PREFIXES.entrySet().stream().filter(p -> action.startsWith(p.getKey())).findFirst()
                .map(p -> p.getValue() + "：" + words(action.substring(p.getKey().length())))
                .orElse(words(action));
    }

    /** The Chinese name of an evidence key; an unknown key is printed as it is. */
    public static String key(String key) {
        return KEYS.getOrDefault(key, key);
    }

    public static boolean knowsAction(String action) {
        return ACTIONS.containsKey(action);
    }

    public static boolean knowsKey(String key) {
        return KEYS.containsKey(key);
    }

    private static String words(String constant) {
        return constant.replace('_', ' ').toLowerCase(Locale.ROOT).strip();
    }
}
