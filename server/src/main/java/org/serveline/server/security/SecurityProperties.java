package org.serveline.server.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The people who may use Serveline ({@code serveline.security.users}): name, password (a Spring Security
 * encoded password such as {@code {bcrypt}…}, or {@code {noop}…} for the demo) and roles.
 */
@ConfigurationProperties("serveline.security")
@Validated
public record SecurityProperties(List<@Valid User> users) {

    public SecurityProperties {
        users = users == null ? List.of() : List.copyOf(users);
    }

    public record User(@NotBlank String name, @NotBlank String password, @NotEmpty List<Role> roles) {
    }
}
