package org.serveline.server;

import java.util.TimeZone;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ServelineApplication {

    public static void main(String[] args) {
        // The database keeps UTC; JDBC converts timestamps through the JVM zone, so that is UTC too.
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        SpringApplication.run(ServelineApplication.class, args);
    }
}
