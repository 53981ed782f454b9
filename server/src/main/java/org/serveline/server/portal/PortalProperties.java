package org.serveline.server.portal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The party's document portal ({@code serveline.portal}), documented in {@code config/application-sample.yml}.
 *
 * @param baseUrl how parties reach this server, the start of the link in their message (e.g. https://ss.court.cn)
 * @param linkTtl how long a link works after it is issued
 * @param maxCodeTries wrong codes after which the link locks (staff can reissue it)
 */
@ConfigurationProperties("serveline.portal")
public record PortalProperties(String baseUrl, Duration linkTtl, int maxCodeTries) {

    public PortalProperties {
        baseUrl = baseUrl == null || baseUrl.isBlank() ? "http://localhost:8080" : baseUrl.replaceAll("/+$", "");
        linkTtl = linkTtl == null ? Duration.ofDays(30) : linkTtl;
        maxCodeTries = maxCodeTries <= 0 ? 5 : maxCodeTries;
    }
}
