package org.serveline.server.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.serveline.server.security.internal.AddressThrottle;
import org.serveline.server.security.internal.ApiTokens;
import org.serveline.server.security.internal.AuthorizationHeader;
import org.serveline.server.security.internal.BearerTokenFilter;
import org.serveline.server.security.internal.PasswordSignIn;
import org.serveline.server.security.internal.SecurityAudit;
import org.serveline.server.security.internal.SessionRecheck;
import org.serveline.server.security.internal.SignInFailures;
import org.serveline.server.security.internal.SignInRefused;
import org.serveline.server.security.internal.StaffUserRows;
import org.serveline.server.security.internal.ViaDetails;
import org.serveline.server.web.ProblemText;
import org.serveline.server.web.ProblemWriter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * People sign in with the console's form and keep a session (CSRF-protected, its cookie token sent back by the
 * console's scripts); machines send an API token ({@code Authorization: Bearer}); scripts may send HTTP Basic.
 * Bearer and Basic requests carry no session and need no CSRF token. Who may call what is {@link EndpointAccess}.
 * Every refusal is an RFC 9457 problem (ADR 0019).
 */
@Configuration
class SecurityConfiguration {

    static final String SIGN_IN = "/api/v1/sign-in";
    static final String SIGN_OUT = "/api/v1/sign-out";

    @Bean
    SecurityFilterChain api(HttpSecurity http, ProblemWriter problems, AuthenticationManager signIn, ApiTokens tokens,
            StaffUserRows users, SecurityAudit audit, JsonMapper json, Clock clock) throws Exception {
        return http
                .authenticationManager(signIn)
                .csrf(csrf -> csrf.spa().requireCsrfProtectionMatcher(SecurityConfiguration::needsCsrfToken))
                .addFilterAfter(new CsrfCookie(), BasicAuthenticationFilter.class)
                .addFilterBefore(new BearerTokenFilter(tokens, problems), BasicAuthenticationFilter.class)
                .addFilterAfter(new SessionRecheck(users), BasicAuthenticationFilter.class)
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.loginPage("/").loginProcessingUrl(SIGN_IN) // the console is the page
                        .authenticationDetailsSource(ViaDetails.source("form"))
                        .successHandler((req, res, auth) -> {
                            req.getSession().setAttribute(SessionRecheck.SIGNED_IN_AT, clock.instant());
                            if (req.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken fresh) {
                                fresh.getToken(); // the session's new token, in this answer's cookie
                            }
                            audit.user(auth.getName(), auth.getName(), SecurityAudit.SIGNED_IN, null, null,
                                    Map.of("address", req.getRemoteAddr()));
                            res.setStatus(HttpStatus.OK.value());
                            res.setContentType("application/json");
                            res.getWriter().write(json.writeValueAsString(MeController.of(auth)));
                        })
                        .failureHandler((req, res, e) -> refused(problems, clock, req, res, e, false)))
                .logout(logout -> logout.logoutUrl(SIGN_OUT)
                        .addLogoutHandler((req, res, auth) -> {
                            if (auth != null) {
                                audit.user(auth.getName(), auth.getName(), SecurityAudit.SIGNED_OUT, null, null,
                                        Map.of());
                            }
                        })
                        .logoutSuccessHandler((req, res, auth) -> res.setStatus(HttpStatus.NO_CONTENT.value())))
                .httpBasic(basic -> basic.authenticationDetailsSource(ViaDetails.source("basic"))
                        .authenticationEntryPoint((req, res, e) -> refused(problems, clock, req, res, e, true)))
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint((req, res, e) -> {
                            // no Basic challenge: a browser would prompt and then send the password by itself
                            res.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"serveline\"");
                            problems.write(res, HttpStatus.UNAUTHORIZED, "authentication required", req.getRequestURI());
                        })
                        .accessDeniedHandler((req, res, e) -> problems.write(res, HttpStatus.FORBIDDEN,
                                isCsrf(e) ? "the request lacks the CSRF token of the signed-in session (X-XSRF-TOKEN)"
                                        : "your role may not do this", req.getRequestURI())))
                .authorizeHttpRequests(SecurityConfiguration::fromTable)
                .build();
    }

    private static void fromTable(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry auth) {
        for (EndpointAccess.Rule rule : EndpointAccess.TABLE) {
            String[] patterns = rule.patterns().toArray(String[]::new);
            var matched = rule.method() == null ? auth.requestMatchers(patterns)
                    : auth.requestMatchers(rule.method(), patterns);
            switch (rule.access()) {
                case EndpointAccess.Open open -> matched.permitAll();
                case EndpointAccess.SignedIn signedIn -> matched.authenticated();
                case EndpointAccess.Roles roles -> matched.hasAnyRole(
                        roles.roles().stream().map(Enum::name).toArray(String[]::new));
            }
        }
        auth.anyRequest().denyAll();
    }

    /**
     * An unsafe request riding on a session (or signing in: no one may be signed in by another site) needs the CSRF
     * token. Requests with a well-formed Bearer or Basic Authorization header carry their own credentials, which a
     * browser never adds by itself (no Basic challenge makes it prompt); any other Authorization header exempts
     * nothing. Requests without a session have nothing to forge; the parties' portal and the carrier's webhook never
     * use the staff session.
     */
    private static boolean needsCsrfToken(HttpServletRequest request) {
        String method = request.getMethod();
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS") || method.equals("TRACE")
                || AuthorizationHeader.carriesCredentials(request.getHeader(HttpHeaders.AUTHORIZATION))) {
            return false;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/s/") || path.equals("/api/v1/postal/webhook")) {
            return false;
        }
        return path.equals(SIGN_IN) || request.getSession(false) != null;
    }

    private static boolean isCsrf(Exception e) {
        return e instanceof org.springframework.security.web.csrf.CsrfException;
    }

    /** A refused sign-in (form or Basic): 401, or 429 with Retry-After when the name is locked or the address throttled. */
    private static void refused(ProblemWriter problems, Clock clock, HttpServletRequest req, HttpServletResponse res,
            AuthenticationException e, boolean basic) throws IOException {
        SecurityContextHolder.clearContext();
        if (e instanceof SignInRefused refused) {
            long seconds = Math.max(1, Duration.between(clock.instant(), refused.until()).toSeconds());
            long minutes = (seconds + 59) / 60;
            res.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            res.setCharacterEncoding("UTF-8"); // the detail is Chinese first
            problems.write(req, res, HttpStatus.TOO_MANY_REQUESTS, refused.why() == SignInRefused.Why.LOCKED
                    ? ProblemText.of("sign-in.locked", "登录失败次数过多，已暂时锁定，请 " + minutes + " 分钟后再试 (too many "
                            + "failed sign-ins: locked, try again in " + minutes + " min)", minutes)
                    : ProblemText.of("sign-in.throttled", "此地址登录失败次数过多，请 " + minutes + " 分钟后再试 (too many "
                            + "failed sign-ins from this address: try again in " + minutes + " min)", minutes));
            return;
        }
        if (basic) {
            res.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"serveline\"");
            problems.write(res, HttpStatus.UNAUTHORIZED, "authentication required", req.getRequestURI());
        } else {
            problems.write(req, res, HttpStatus.UNAUTHORIZED, ProblemText.of("sign-in.wrong", "wrong name or password"));
        }
    }

    @Bean
    AuthenticationManager signIn(StaffUserRows users, SignInFailures failures, SecurityAudit audit,
            PasswordEncoder encoder, SecurityProperties properties, Clock clock) {
        ProviderManager manager = new ProviderManager(new PasswordSignIn(users, failures,
                new AddressThrottle(clock, properties.signIn()), audit, encoder));
        manager.setEraseCredentialsAfterAuthentication(true);
        return manager;
    }

    /** bcrypt at the configured cost for new hashes; stored hashes keep the cost they were made with (ADR 0019). */
    @Bean
    PasswordEncoder passwordEncoder(SecurityProperties properties) {
        Map<String, PasswordEncoder> encoders = new HashMap<>();
        encoders.put("bcrypt", new BCryptPasswordEncoder(properties.passwordCost()));
        return new DelegatingPasswordEncoder("bcrypt", encoders);
    }

    /** Loads the CSRF token on every answer, so its cookie is there before the console's first unsafe request. */
    private static final class CsrfCookie extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                jakarta.servlet.FilterChain chain) throws jakarta.servlet.ServletException, IOException {
            if (request.getHeader(HttpHeaders.AUTHORIZATION) == null
                    && request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
                token.getToken();
            }
            chain.doFilter(request, response);
        }
    }
}
