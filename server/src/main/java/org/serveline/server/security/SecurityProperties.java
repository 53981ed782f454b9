package org.serveline.server.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may use Serveline and how sign-ins are guarded ({@code serveline.security.*}, ADR 0019).
 *
 * @param users people seeded into the database at start-up when absent (a password changed since is never
 *        overwritten): name, password ({@code {bcrypt}…}, or {@code {noop}…} which is hashed before it is stored)
 *        and roles
 * @param passwordCost the bcrypt cost (log2 rounds) of passwords hashed from now on; 10 takes some 50–100 ms a
 *        check, which every sign-in and every HTTP Basic request pays
 * @param signIn how failed sign-ins are throttled and locked
 * @param initialAdmin the first administrator of a fresh installation
 */
@ConfigurationProperties("serveline.security")
@Validated
public record SecurityProperties(List<@Valid User> users, @DefaultValue("10") @Min(4) @Max(16) int passwordCost,
        @DefaultValue @Valid SignIn signIn, @DefaultValue @Valid InitialAdmin initialAdmin) {

    public SecurityProperties {
        users = users == null ? List.of() : List.copyOf(users);
    }

    public record User(@NotBlank @Pattern(regexp = "[A-Za-z0-9._@-]{1,100}") String name, @NotBlank String password,
            @NotEmpty List<Role> roles) {
    }

    /**
     * @param maxFailures failed sign-ins in a row after which a name is locked (whether or not such a person exists)
     * @param lockFor how long a locked name stays locked
     * @param addressMaxFailures failed sign-ins from one remote address within {@code addressWindow} after which
     *        that address may not try again until the window has passed (counted per node)
     * @param addressWindow the window of the address throttle
     */
    public record SignIn(@DefaultValue("5") @Min(1) int maxFailures, @DefaultValue("PT15M") Duration lockFor,
            @DefaultValue("30") @Min(1) int addressMaxFailures, @DefaultValue("PT15M") Duration addressWindow) {
    }

    /**
     * The first ADMIN of a fresh installation (ADR 0027): added at start-up only while no enabled user holds ADMIN,
     * so the password, given through the environment ({@code SERVELINE_ADMIN_PASSWORD}), is needed once and never
     * overwrites one changed since. Without it, a database with no ADMIN is reported at start-up.
     *
     * @param name the administrator's name
     * @param password at least 8 characters, in plain text (hashed before it is stored) or {@code {bcrypt}…}; empty:
     *        none is added
     */
    public record InitialAdmin(@DefaultValue("admin") @Pattern(regexp = "[A-Za-z0-9._@-]{1,100}") String name,
            String password) {

        public static final int MIN_PASSWORD = 8;

        public InitialAdmin {
            password = password == null ? "" : password;
            if (!password.isEmpty() && !password.startsWith("{bcrypt}") && password.length() < MIN_PASSWORD) {
                throw new IllegalArgumentException("serveline.security.initial-admin.password (SERVELINE_ADMIN_PASSWORD)"
                        + " must have at least " + MIN_PASSWORD + " characters");
            }
        }

        /** As {@code serveline.security.users} takes it: {@code {bcrypt}…} as it is, anything else to be hashed. */
        public String configured() {
            return password.startsWith("{bcrypt}") ? password : "{noop}" + password;
        }
    }
}
