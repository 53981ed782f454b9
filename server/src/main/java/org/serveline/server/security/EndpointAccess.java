package org.serveline.server.security;

import static org.serveline.server.security.Role.ADMIN;
import static org.serveline.server.security.Role.CLERK;
import static org.serveline.server.security.Role.FIELD;
import static org.serveline.server.security.Role.OPERATOR;
import static org.serveline.server.security.Role.REVIEWER;
import static org.serveline.server.security.Role.SUPERVISOR;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Who may call what: one table, read top to bottom, the first row that matches a request decides; a request no
 * row matches is refused to everyone. {@code SecurityConfiguration} builds its rules from it and
 * {@code EndpointAccessIntegrationTests} walks every endpoint with every role against it (ADR 0019 shows it as a
 * table). A feature may narrow further (an operator hears only recordings of their own calls).
 */
public final class EndpointAccess {

    /** Who a row lets in: anyone, anyone signed in, or these roles. */
    public sealed interface Access permits Open, SignedIn, Roles {
        boolean allows(Set<Role> roles, boolean signedIn);
    }

    public record Open() implements Access {
        public boolean allows(Set<Role> roles, boolean signedIn) {
            return true;
        }
    }

    public record SignedIn() implements Access {
        public boolean allows(Set<Role> roles, boolean signedIn) {
            return signedIn;
        }
    }

    public record Roles(Set<Role> roles) implements Access {
        public boolean allows(Set<Role> held, boolean signedIn) {
            return signedIn && held.stream().anyMatch(roles::contains);
        }
    }

    /**
     * @param method the HTTP method, or null for any
     * @param patterns path patterns ({@code *} one segment, {@code **} any number at the end)
     */
    public record Rule(HttpMethod method, List<String> patterns, Access access, String why) {

        public boolean matches(String httpMethod, String path) {
            if (method != null && !method.name().equals(httpMethod)) {
                return false;
            }
            PathContainer container = PathContainer.parsePath(path);
            return patterns.stream().map(PARSER::parse).anyMatch(p -> p.matches(container));
        }
    }

    private static final PathPatternParser PARSER = PathPatternParser.defaultInstance;
    private static final HttpMethod ANY = null;
    private static final HttpMethod GET = HttpMethod.GET;
    private static final HttpMethod POST = HttpMethod.POST;
    private static final HttpMethod PUT = HttpMethod.PUT;

    public static final List<Rule> TABLE = List.of(
            rule(ANY, open(), "the console's page and scripts (its data needs a sign-in)",
                    "/", "/index.html", "/console/**", "/favicon.ico"),
            rule(ANY, open(), "errors are rendered for whoever caused them", "/error"),
            rule(POST, open(), "the sign-in form and sign-out", "/api/v1/sign-in", "/api/v1/sign-out"),
            rule(GET, open(), "UP/DOWN for load balancers (details only when signed in)",
                    "/actuator/health", "/actuator/health/**"),
            rule(GET, roles(SUPERVISOR, ADMIN), "call volumes and backlogs: supervisors and a scraper holding the role",
                    "/actuator/prometheus", "/actuator/metrics", "/actuator/metrics/**"),
            rule(GET, signedIn(), "the build's name and version", "/actuator/info"),
            rule(GET, signedIn(), "the API description and its browsable UI (ADR 0014)",
                    "/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html"),
            rule(GET, open(), "anyone holding a receipt checks it", "/verify/**"),
            rule(ANY, open(), "the parties' document portal: its own link and code", "/s/**"),
            rule(GET, open(), "the console's JavaScript libraries (public code, ADR 0022)", "/webjars/**"),
            rule(GET, open(), "the public notice page", "/notices", "/notices/**"),
            rule(POST, open(), "the carrier's webhook proves itself by its HMAC signature", "/api/v1/postal/webhook"),
            rule(GET, open(), "whether this is the demo (the sign-in form names its users only there)", "/api/v1/demo"),
            rule(GET, signedIn(), "who am I", "/api/v1/me"),
            rule(ANY, roles(ADMIN), "people, roles and API tokens", "/api/v1/admin/**"),
            rule(GET, roles(SUPERVISOR, REVIEWER, ADMIN), "figures and CSV exports",
                    "/api/v1/statistics", "/api/v1/exports/**"),
            rule(POST, roles(REVIEWER, SUPERVISOR, ADMIN), "a new portal link for a party",
                    "/api/v1/tasks/*/portal-link/**"),
            rule(PUT, roles(CLERK, REVIEWER, SUPERVISOR, ADMIN), "tracking numbers, public-notice periods",
                    "/api/v1/tasks/*/mailing/**", "/api/v1/tasks/*/public-notice/**"),
            rule(POST, roles(CLERK, ADMIN), "submitting tasks and their documents",
                    "/api/v1/documents", "/api/v1/tasks", "/api/v1/task-batches"),
            rule(POST, roles(REVIEWER, ADMIN), "approving or returning a task", "/api/v1/tasks/*/review"),
            rule(POST, roles(CLERK, ADMIN), "resubmitting a returned task", "/api/v1/tasks/*/resubmit"),
            rule(POST, roles(CLERK, REVIEWER, ADMIN), "cancelling a task", "/api/v1/tasks/*/cancel"),
            rule(GET, roles(CLERK, REVIEWER, SUPERVISOR, ADMIN), "a task's evidence page", "/api/v1/tasks/*/evidence"),
            rule(GET, signedIn(), "reading tasks, their timelines, deadlines, mailings, receipts",
                    "/api/v1/tasks", "/api/v1/tasks/**"),
            rule(GET, signedIn(), "reading documents, PBXs and notice scripts",
                    "/api/v1/documents/**", "/api/v1/pbxs", "/api/v1/notice-scripts/**"),
            rule(ANY, roles(SUPERVISOR, ADMIN), "verifying the audit trail", "/api/v1/audit/**"),
            rule(GET, roles(SUPERVISOR, ADMIN), "the original WAV, the evidence itself", "/api/v1/recordings/*/original"),
            rule(ANY, roles(SUPERVISOR, ADMIN), "legal holds", "/api/v1/recordings/*/legal-hold"),
            rule(ANY, roles(SUPERVISOR, ADMIN), "the recordings audit: its queue and verdicts",
                    "/api/v1/recording-reviews/**"),
            rule(POST, roles(SUPERVISOR, ADMIN), "a verdict on a recording", "/api/v1/recordings/*/reviews"),
            rule(POST, roles(SUPERVISOR, REVIEWER, OPERATOR, ADMIN),
                    "stating why one listens (an operator only to their own calls)", "/api/v1/recordings/*/access"),
            rule(GET, roles(SUPERVISOR, REVIEWER, OPERATOR, ADMIN),
                    "listening to recordings (an operator only to their own calls: the recording feature checks)",
                    "/api/v1/recordings", "/api/v1/recordings/**"),
            rule(ANY, roles(OPERATOR, SUPERVISOR, ADMIN), "the operator desk", "/api/v1/operators/**"),
            rule(GET, signedIn(), "campaign progress (the task screen shows it to everyone)",
                    "/api/v1/campaigns", "/api/v1/campaigns/**"),
            rule(GET, roles(SUPERVISOR, REVIEWER, ADMIN), "reading the do-not-call list",
                    "/api/v1/do-not-call", "/api/v1/do-not-call/**"),
            rule(ANY, roles(SUPERVISOR, ADMIN), "the live supervisor board", "/api/v1/board", "/api/v1/board/**"),
            rule(ANY, roles(SUPERVISOR, ADMIN), "running campaigns and the do-not-call list",
                    "/api/v1/campaigns", "/api/v1/campaigns/**", "/api/v1/do-not-call", "/api/v1/do-not-call/**"),
            rule(GET, roles(FIELD, SUPERVISOR, REVIEWER, ADMIN), "field assignments", "/api/v1/field/**"),
            rule(POST, roles(SUPERVISOR, REVIEWER, ADMIN), "giving an assignment to an agent",
                    "/api/v1/field/assignments/*/assignee"),
            rule(ANY, roles(FIELD), "the agent's own uploads and outcomes: a field agent's work only",
                    "/api/v1/field/**"),
            rule(POST, roles(SUPERVISOR, ADMIN), "loading known contacts", "/api/v1/lookup/contacts"),
            rule(ANY, roles(SUPERVISOR, REVIEWER, ADMIN), "looking up a party's contacts", "/api/v1/lookup/**"));

    private EndpointAccess() {
    }

    /** The row that decides this request; empty when none does (then everyone is refused). */
    public static Optional<Rule> ruleFor(String method, String path) {
        return TABLE.stream().filter(rule -> rule.matches(method, path)).findFirst();
    }

    private static Rule rule(HttpMethod method, Access access, String why, String... patterns) {
        Arrays.stream(patterns).forEach(PARSER::parse);
        return new Rule(method, List.of(patterns), access, why);
    }

    private static Access open() {
        return new Open();
    }

    private static Access signedIn() {
        return new SignedIn();
    }

    private static Access roles(Role... roles) {
        return new Roles(EnumSet.copyOf(Arrays.asList(roles)));
    }
}
