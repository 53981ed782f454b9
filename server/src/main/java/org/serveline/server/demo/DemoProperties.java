package org.serveline.server.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The demo ({@code serveline.demo}): when enabled, a fresh database is filled with sample cases and tasks;
 * {@code postalCourt} is the court (chain POSTAL, PUBLIC_NOTICE) whose demo tasks show the post and the notice.
 */
@ConfigurationProperties("serveline.demo")
public record DemoProperties(boolean enabled, String court, String postalCourt) {

    public DemoProperties {
        court = court == null ? "NMG0303" : court;
        postalCourt = postalCourt == null ? "DEMO-POST" : postalCourt;
    }
}
