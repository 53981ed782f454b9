package org.serveline.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ServelineApplication {

    public static void main(String[] args) {
        SpringApplication.run(ServelineApplication.class, args);
    }
}
