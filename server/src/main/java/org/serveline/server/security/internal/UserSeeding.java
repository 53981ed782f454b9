package org.serveline.server.security.internal;

import java.util.EnumSet;
import org.serveline.server.security.Role;
import org.serveline.server.security.SecurityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Inserts the users of {@code serveline.security.users} that the database does not have yet (ADR 0019), then, while no
 * enabled user holds ADMIN, the first administrator of {@code serveline.security.initial-admin} (ADR 0027).
 */
@Component
@Order(0)
class UserSeeding implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(UserSeeding.class);

    private final SecurityProperties properties;
    private final StaffUsers users;
    private final StaffUserRows rows;

    UserSeeding(SecurityProperties properties, StaffUsers users, StaffUserRows rows) {
        this.properties = properties;
        this.users = users;
        this.rows = rows;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (SecurityProperties.User user : properties.users()) {
            if (users.seed(user.name(), user.password(), user.roles())) {
                log.info("user {} ({}) added from configuration", user.name(), user.roles());
            }
        }
        if (rows.all().stream().anyMatch(u -> u.enabled() && u.roles().contains(Role.ADMIN))) {
            return;
        }
        SecurityProperties.InitialAdmin admin = properties.initialAdmin();
        if (admin.password().isEmpty()) {
            log.warn("no enabled user holds the ADMIN role, so no one can manage users and API tokens: set "
                    + "SERVELINE_ADMIN_PASSWORD (serveline.security.initial-admin.password, at least {} characters) and"
                    + " start again to add the administrator '{}' (ADR 0027)", SecurityProperties.InitialAdmin.MIN_PASSWORD,
                    admin.name());
        } else if (users.seed(admin.name(), admin.configured(), EnumSet.of(Role.ADMIN))) {
            log.info("administrator {} added from serveline.security.initial-admin: no ADMIN existed", admin.name());
        } else {
            log.warn("no enabled ADMIN exists, and a user named '{}' exists already (disabled, or without the role): "
                    + "it is left as it is; name another serveline.security.initial-admin.name", admin.name());
        }
    }
}
