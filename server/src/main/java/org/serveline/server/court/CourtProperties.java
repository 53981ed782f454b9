package org.serveline.server.court;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.time.Duration;
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

    /**
     * One court.
     *
     * @param publishedPhone the court's published number, spoken in the notice so a party can check the call is
     *                       genuine (e.g. {@code 0473-3981234}); without it the notice leaves that segment out
     * @param noticeTemplate a file with the court's own notice wording (segments as in {@code notice-v2.zh.txt});
     *                       its file name without {@code .txt} is its version. Default: the shipped wording
     * @param publicNoticePeriod how long this court's public notices run (e.g. P30D, PT3M in the demo); unset: the
     *        deployment's {@code serveline.public-notice.default-period}
     */
    public record CourtSpec(@NotBlank String id, @NotBlank String name, ZoneId timeZone,
            @NotEmpty List<ServiceChannel> channelChain,
            @Pattern(regexp = "[0-9 ()+-]{3,30}", message = "{serveline.court.phone}")
            String publishedPhone,
            Path noticeTemplate, Duration publicNoticePeriod) {

        public CourtSpec {
            timeZone = timeZone == null ? ZoneId.of("Asia/Shanghai") : timeZone;
            channelChain = channelChain == null || channelChain.isEmpty()
                    ? List.of(ServiceChannel.PHONE, ServiceChannel.POSTAL, ServiceChannel.IN_PERSON,
                            ServiceChannel.PUBLIC_NOTICE)
                    : List.copyOf(channelChain);
        }
    }
}
