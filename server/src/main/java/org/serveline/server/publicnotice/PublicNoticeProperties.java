package org.serveline.server.publicnotice;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Public notice ({@code serveline.public-notice}), documented in {@code config/application-sample.yml}. A court's
 * own period is {@code serveline.courts[].public-notice-period}; a task's is set by staff through the API.
 *
 * @param defaultPeriod the period when neither the court nor the task sets one (statutory: P30D)
 * @param template the notice text, with {court} {party} {caseNumber} {documents} {period} {publishedOn} {lastDay}
 * @param tick how often due notices are elapsed and the outbox is sent
 * @param publisherRetry the wait after the outside bulletin failed, doubled per failure up to a day
 */
@ConfigurationProperties("serveline.public-notice")
public record PublicNoticeProperties(Duration defaultPeriod, String template, Duration tick, Boolean schedulerEnabled,
        Duration publisherRetry) {

    public static final String DEFAULT_TEMPLATE = """
            {party}：
            本院受理的（案号：{caseNumber}）一案，因你下落不明或者用其他方式无法送达，依照《中华人民共和国民事诉讼法》\
            第九十五条的规定，向你公告送达{documents}。自公告之日起经过{period}，即视为送达（公告期满之日为{lastDay}）。\
            逾期不领取的，视为送达。
            特此公告。
            {court}
            {publishedOn}""";

    public PublicNoticeProperties {
        defaultPeriod = defaultPeriod == null ? Duration.ofDays(30) : defaultPeriod;
        new NoticePeriod(defaultPeriod);
        template = template == null || template.isBlank() ? DEFAULT_TEMPLATE : template;
        tick = tick == null ? Duration.ofSeconds(30) : tick;
        schedulerEnabled = schedulerEnabled == null || schedulerEnabled;
        publisherRetry = publisherRetry == null ? Duration.ofMinutes(5) : publisherRetry;
    }
}
