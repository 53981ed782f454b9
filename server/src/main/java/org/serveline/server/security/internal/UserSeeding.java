package org.serveline.server.security.internal;

import org.serveline.server.security.SecurityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Inserts the users of {@code serveline.security.users} that the database does not have yet (ADR 0019). */
@Component
@Order(0)
class UserSeeding implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(UserSeeding.class);

    private final SecurityProperties properties;
    private final StaffUsers users;

    UserSeeding(SecurityProperties properties, StaffUsers users) {
        this.properties = properties;
        this.users = users;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (SecurityProperties.User user : properties.users()) {
            if (users.seed(user.name(), user.password(), user.roles())) {
                log.info("user {} ({}) added from configuration", user.name(), user.roles());
            }
        }
    }
}
