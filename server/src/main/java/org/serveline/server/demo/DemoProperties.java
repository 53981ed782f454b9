package org.serveline.server.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The demo ({@code serveline.demo}): when enabled, a fresh database is filled with sample cases and tasks. */
@ConfigurationProperties("serveline.demo")
public record DemoProperties(boolean enabled, String court) {

    public DemoProperties {
        court = court == null ? "NMG0303" : court;
    }
}
