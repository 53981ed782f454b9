package org.serveline.server.pbx;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration
class PbxConfiguration {

    @Bean
    @ConditionalOnProperty(name = "serveline.simulator.enabled", havingValue = "true")
    BuiltInPbx builtInPbx(Environment environment) {
        return new BuiltInPbx(Binder.get(environment).bind("serveline.simulator", BuiltInPbx.SimulatorProperties.class)
                .orElseThrow(() -> new IllegalStateException("serveline.simulator is not configured")));
    }
}
