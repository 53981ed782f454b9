package org.serveline.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.serveline.server.audit.AuditEvent;
import org.serveline.server.audit.AuditTrail;
import org.serveline.server.testsupport.ApiClient;
import org.serveline.server.testsupport.ServelineIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * A fresh installation: configuration seeds no administrator, so the first ADMIN comes from
 * {@code serveline.security.initial-admin} (its password from the environment), once; the demo's users exist only in
 * the demo profile (ADR 0027).
 */
@ServelineIntegrationTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestPropertySource(properties = {"serveline.embedded-db.schema=serveline_first_admin",
    // replaces the test profile's list of users (a list is taken whole from one source): no ADMIN among them
    "serveline.security.users[0].name=seeded-clerk", "serveline.security.users[0].password={noop}seeded-clerk-pw",
    "serveline.security.users[0].roles=CLERK",
    "serveline.security.initial-admin.name=first-admin",
    "serveline.security.initial-admin.password=from-the-environment"})
@Timeout(120)
class FirstAdministratorIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditTrail audit;

    @Autowired
    ApplicationContext context;

    @Test
    void theFirstAdministratorIsAddedFromTheEnvironmentOnceAndCanManagePeople() throws Exception {
        ApiClient.Response me = ApiClient.on(port).as("first-admin", "from-the-environment").get("/api/v1/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().get("roles").toString()).isEqualTo("[\"ADMIN\"]");
        assertThat(audit.chain("staff:first-admin")).extracting(AuditEvent::action).containsExactly("USER_SEEDED");
        assertThat(jdbc.sql("SELECT password_hash FROM staff_user WHERE name = 'first-admin'").query(String.class)
                .single()).startsWith("{bcrypt}").doesNotContain("from-the-environment");

        // the administrator changes their password: a restart with the same environment leaves it changed
        ApiClient admin = ApiClient.on(port).as("first-admin", "from-the-environment");
        assertThat(admin.put("/api/v1/admin/users/first-admin/password",
                ApiClient.json(java.util.Map.of("password", "changed-since"))).status()).isEqualTo(200);
        for (ApplicationRunner runner : context.getBeansOfType(ApplicationRunner.class).values()) {
            if (runner.getClass().getSimpleName().equals("UserSeeding")) {
                runner.run(new DefaultApplicationArguments());
            }
        }
        assertThat(ApiClient.on(port).as("first-admin", "changed-since").get("/api/v1/me").status()).isEqualTo(200);
        assertThat(audit.chain("staff:first-admin")).extracting(AuditEvent::action)
                .containsExactly("USER_SEEDED", "USER_PASSWORD_RESET");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM staff_user WHERE roles LIKE '%ADMIN%'").query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void theDemosUsersExistOnlyInTheDemoProfile() {
        YamlPropertiesFactoryBean demo = new YamlPropertiesFactoryBean();
        demo.setResources(new ClassPathResource("application-demo.yml"));
        Properties properties = demo.getObject();
        List<String> demoUsers = properties.stringPropertyNames().stream()
                .filter(key -> key.matches("serveline\\.security\\.users\\[\\d+]\\.name"))
                .map(properties::getProperty).toList();
        assertThat(demoUsers).as("the demo's users").contains("admin", "supervisor", "field");
        assertThat(jdbc.sql("SELECT name FROM staff_user ORDER BY name").query(String.class).list())
                .containsExactly("first-admin", "seeded-clerk");
        YamlPropertiesFactoryBean main = new YamlPropertiesFactoryBean();
        main.setResources(new ClassPathResource("application.yml"));
        assertThat(main.getObject().stringPropertyNames()).as("application.yml seeds no one")
                .noneMatch(key -> key.startsWith("serveline.security.users"));
    }

    @Test
    void aShortInitialPasswordIsRefused() {
        assertThatThrownBy(() -> new SecurityProperties.InitialAdmin("admin", "short"))
                .hasMessageContaining("at least 8 characters");
        assertThat(new SecurityProperties.InitialAdmin("admin", null).password()).isEmpty();
        assertThat(new SecurityProperties.InitialAdmin("admin", "long-enough").configured()).isEqualTo("{noop}long-enough");
    }
}
