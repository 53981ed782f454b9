package org.serveline.server.database;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Points the datasource at a real MariaDB: the one in {@code SERVELINE_DB_URL} / {@code spring.datasource.url}
 * when set, otherwise an embedded MariaDB started for this JVM. The schema of the embedded server is
 * {@code serveline.embedded-db.schema} (default {@code serveline}), so tests can ask for a private one.
 */
class EmbeddedDatabaseEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String SCHEMA_PROPERTY = "serveline.embedded-db.schema";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String external = environment.getProperty("SERVELINE_DB_URL");
        if (external != null && !external.isBlank()) {
            environment.getPropertySources().addFirst(new MapPropertySource("serveline-db", Map.of(
                    "spring.datasource.url", external,
                    "spring.datasource.username", environment.getProperty("SERVELINE_DB_USER", "serveline"),
                    "spring.datasource.password", environment.getProperty("SERVELINE_DB_PASSWORD", ""))));
            return;
        }
        if (environment.containsProperty("spring.datasource.url")) {
            return;
        }
        String schema = environment.getProperty(SCHEMA_PROPERTY, "serveline");
        String url = EmbeddedMariaDb.shared().jdbcUrl(schema);
        environment.getPropertySources().addLast(new MapPropertySource("serveline-embedded-db", Map.of(
                "spring.datasource.url", url,
                "spring.datasource.username", "root",
                "spring.datasource.password", "")));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
