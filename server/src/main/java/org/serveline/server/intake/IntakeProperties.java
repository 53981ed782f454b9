package org.serveline.server.intake;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Intake settings ({@code serveline.intake}): the region assumed for phone numbers without a country code. */
@ConfigurationProperties("serveline.intake")
public record IntakeProperties(String defaultRegion) {

    public IntakeProperties {
        defaultRegion = defaultRegion == null ? "CN" : defaultRegion;
    }
}
