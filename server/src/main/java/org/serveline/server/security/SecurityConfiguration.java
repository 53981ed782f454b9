package org.serveline.server.security;

import org.serveline.server.web.ProblemWriter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * HTTP Basic for the API and the console; each route needs the role whose work it is. Failures answer with
 * RFC 9457 problem details like every other error.
 */
@Configuration
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, ProblemWriter problems) throws Exception {
        return http
                .csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.authenticationEntryPoint((req, res, ex) ->
                        problems.write(res, HttpStatus.UNAUTHORIZED, "authentication required", req.getRequestURI())))
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint((req, res, e) -> {
                            res.setHeader("WWW-Authenticate", "Basic realm=\"serveline\"");
                            problems.write(res, HttpStatus.UNAUTHORIZED, "authentication required", req.getRequestURI());
                        })
                        .accessDeniedHandler((req, res, e) ->
                                problems.write(res, HttpStatus.FORBIDDEN, "your role may not do this", req.getRequestURI())))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/", "/index.html", "/console/**", "/actuator/health/**", "/error").permitAll()
                        // the console's JavaScript libraries (wavesurfer.js, echarts), public code (ADR 0022)
                        .requestMatchers(HttpMethod.GET, "/webjars/**").permitAll()
                        // the API description and its browsable UI: for signed-in staff (ADR 0014)
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").authenticated()
                        // metrics tell call volumes and backlogs: supervisors, admins and a scraper holding that role
                        .requestMatchers("/actuator/prometheus", "/actuator/metrics/**")
                        .hasAnyRole(Role.SUPERVISOR.name(), Role.ADMIN.name())
                        .requestMatchers(HttpMethod.GET, "/verify/**").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/statistics", "/api/v1/exports/**")
                        .hasAnyRole(Role.SUPERVISOR.name(), Role.REVIEWER.name(), Role.ADMIN.name())
                        .requestMatchers("/s/**").permitAll() // the parties' document portal: its own code
                        .requestMatchers(HttpMethod.POST, "/api/v1/tasks/*/portal-link/**")
                        .hasAnyRole(Role.REVIEWER.name(), Role.SUPERVISOR.name(), Role.ADMIN.name())
                        .requestMatchers(HttpMethod.GET, "/api/v1/me").authenticated()
                        // the public notice page; the carrier's webhook proves itself by its HMAC signature
                        .requestMatchers(HttpMethod.GET, "/notices", "/notices/**").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/postal/webhook").permitAll()
                        .requestMatchers(HttpMethod.PUT, "/api/v1/tasks/*/mailing/**", "/api/v1/tasks/*/public-notice/**")
                        .hasAnyRole(Role.CLERK.name(), Role.REVIEWER.name(), Role.SUPERVISOR.name(), Role.ADMIN.name())
                        .requestMatchers(HttpMethod.POST, "/api/v1/documents", "/api/v1/tasks", "/api/v1/task-batches")
                        .hasAnyRole(Role.CLERK.name(), Role.ADMIN.name())
                        .requestMatchers(HttpMethod.POST, "/api/v1/tasks/*/review")
                        .hasAnyRole(Role.REVIEWER.name(), Role.ADMIN.name())
                        .requestMatchers(HttpMethod.POST, "/api/v1/tasks/*/resubmit")
                        .hasAnyRole(Role.CLERK.name(), Role.ADMIN.name())
                        .requestMatchers(HttpMethod.POST, "/api/v1/tasks/*/cancel")
                        .hasAnyRole(Role.CLERK.name(), Role.REVIEWER.name(), Role.ADMIN.name())
                        .requestMatchers("/api/v1/audit/**").hasAnyRole(Role.SUPERVISOR.name(), Role.ADMIN.name())
                        .requestMatchers("/api/v1/recordings/*/original")
                        .hasAnyRole(Role.SUPERVISOR.name(), Role.ADMIN.name())
                        .requestMatchers("/api/v1/recordings/**", "/api/v1/recording-reviews/**")
                        .hasAnyRole(Role.SUPERVISOR.name(), Role.REVIEWER.name(), Role.OPERATOR.name(), Role.ADMIN.name())
                        .requestMatchers("/api/v1/operators/**")
                        .hasAnyRole(Role.OPERATOR.name(), Role.SUPERVISOR.name(), Role.ADMIN.name())
                        .requestMatchers(HttpMethod.GET, "/api/v1/campaigns/**").authenticated()
                        .requestMatchers("/api/v1/campaigns/**", "/api/v1/do-not-call/**")
                        .hasAnyRole(Role.SUPERVISOR.name(), Role.REVIEWER.name(), Role.ADMIN.name())
                        .requestMatchers(HttpMethod.GET, "/api/v1/field/**")
                        .hasAnyRole(Role.FIELD.name(), Role.SUPERVISOR.name(), Role.REVIEWER.name(), Role.ADMIN.name())
                        .requestMatchers(HttpMethod.POST, "/api/v1/field/assignments/*/assignee")
                        .hasAnyRole(Role.SUPERVISOR.name(), Role.REVIEWER.name(), Role.ADMIN.name())
                        .requestMatchers("/api/v1/field/**").hasRole(Role.FIELD.name())
                        .requestMatchers(HttpMethod.POST, "/api/v1/lookup/contacts")
                        .hasAnyRole(Role.SUPERVISOR.name(), Role.ADMIN.name())
                        .requestMatchers("/api/v1/lookup/**")
                        .hasAnyRole(Role.SUPERVISOR.name(), Role.REVIEWER.name(), Role.ADMIN.name())
                        .requestMatchers(HttpMethod.GET, "/api/v1/tasks/*/evidence").hasAnyRole(Role.CLERK.name(), Role.REVIEWER.name(), Role.SUPERVISOR.name(), Role.ADMIN.name())
                        .requestMatchers("/api/v1/board/**").hasAnyRole(Role.SUPERVISOR.name(), Role.ADMIN.name())
                        .anyRequest().authenticated())
                .build();
    }

    @Bean
    UserDetailsService users(SecurityProperties properties) {
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
        for (SecurityProperties.User user : properties.users()) {
            users.createUser(User.withUsername(user.name()).password(user.password())
                    .roles(user.roles().stream().map(Enum::name).toArray(String[]::new)).build());
        }
        return users;
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
