package org.serveline.server.court;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.time.ZoneId;
import java.util.List;
import org.serveline.server.task.ServiceChannel;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The courts this deployment serves ({@code serveline.courts}), each with its channel chain. Documented in
 * {@code config/application-sample.yml}.
 */
@ConfigurationProperties("serveline")
@Validated
public record CourtProperties(List<@Valid CourtSpec> courts) {

    public CourtProperties {
        courts = courts == null ? List.of() : List.copyOf(courts);
    }

    /** {@code publishedPhone}: the court's published number, named in messages so parties can check them (optional). */
    public record CourtSpec(@NotBlank String id, @NotBlank String name, ZoneId timeZone,
            @NotEmpty List<ServiceChannel> channelChain, String publishedPhone) {

        public CourtSpec {
            timeZone = timeZone == null ? ZoneId.of("Asia/Shanghai") : timeZone;
            channelChain = channelChain == null || channelChain.isEmpty()
                    ? List.of(ServiceChannel.PHONE, ServiceChannel.POSTAL, ServiceChannel.IN_PERSON,
                            ServiceChannel.PUBLIC_NOTICE)
                    : List.copyOf(channelChain);
        }
    }
}
