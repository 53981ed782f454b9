package org.serveline.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.serveline.server.testsupport.ApiClient;
import org.serveline.server.testsupport.RawHttp;
import org.serveline.server.testsupport.ServelineIntegrationTest;
import org.serveline.server.testsupport.TaskFixtures;
import org.serveline.server.web.FuzzEndpoints.Endpoint;
import org.serveline.server.web.FuzzRequests.FuzzRequest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Thousands of malformed requests to every endpoint, as a user holding every role (over HTTP Basic, and over a
 * console session signed in through the form, its CSRF token echoed) and anonymously: no reply is a
 * server error, none shows a stack trace, a class name or SQL, and every error is an RFC 9457 problem. The build
 * replays one fixed seed, so a red build is reproducible and never a draw; {@code -Dfuzz.seed=random} explores a new
 * one (printed), {@code -Dfuzz.seed=N} replays it ({@code -Dfuzz.endpoint=text} narrows it to matching endpoints).
 */
// fuzzed sign-ins fail by the thousand from 127.0.0.1: the test profile lets the address throttle take them
@ServelineIntegrationTest
class EndpointFuzzIntegrationTests {

    private static final int REQUESTS_PER_ENDPOINT = Integer.getInteger("fuzz.requests", 30);
    /** On a machine so loaded that the budget ends the run early, at least this many requests reach each endpoint. */
    private static final int MIN_ROUNDS = Math.min(5, REQUESTS_PER_ENDPOINT);
    private static final int WORKERS = 6;
    /** The seed the build replays: the one that found the empty Accept and the undecodable form body (ADR 0025). */
    private static final long BUILD_SEED = 14728929496884L;
    /** The whole run's budget: what is not sent by then is reported, never waited for. */
    private static final Duration BUDGET = Duration.ofSeconds(75);
    /** A reply slower than this is a fault of its own (a request left hanging), even on a loaded machine. */
    private static final Duration SLOW = Duration.ofSeconds(25);

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    @Timeout(120)
    void malformedRequestsToEveryEndpointAnswerCleanProblemsAndNeverAServerError() throws Exception {
        String asked = System.getProperty("fuzz.seed", String.valueOf(BUILD_SEED));
        long seed = "random".equals(asked) ? System.nanoTime() : Long.parseLong(asked);
        String only = System.getProperty("fuzz.endpoint", "");
        System.out.println("EndpointFuzzIntegrationTests seed: " + seed + " (replay with -Dfuzz.seed=" + seed + ")");
        List<Endpoint> endpoints = FuzzEndpoints.of(context).stream()
                .filter(e -> e.toString().contains(only)).toList();
        assertThat(endpoints).as("endpoints found").extracting(Endpoint::toString)
                .contains("POST /api/v1/tasks", "GET /s/{token}", "POST /api/v1/postal/webhook", "GET /notices",
                        "GET /verify/{code}", "POST /api/v1/documents", "POST /api/v1/sign-in", "POST /api/v1/sign-out");
        List<String> realIds = realIds();
        ApiClient.on(port).as("fuzzer", "fuzzer-pw").get("/v3/api-docs"); // built once, slowly, on first use
        ApiClient fuzzer = ApiClient.on(port).as("fuzzer", "fuzzer-pw");
        ApiClient anonymous = ApiClient.on(port);
        FuzzSession session = new FuzzSession(port, "fuzzer", "fuzzer-pw");
        session.current();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger sessionSent = new AtomicInteger();
        AtomicInteger sessionAnswered = new AtomicInteger();
        java.util.Map<String, Long> timings = new java.util.concurrent.ConcurrentHashMap<>();
        long started = System.nanoTime();
        long deadline = started + BUDGET.toNanos();
        FuzzRounds rounds = new FuzzRounds(endpoints, seed, realIds, REQUESTS_PER_ENDPOINT);
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                runs.add(workers.submit(() -> {
                    for (FuzzRequest request = rounds.next(); request != null && System.nanoTime() < deadline;
                            request = rounds.next()) {
                        sent.incrementAndGet();
                        long sentAt = System.nanoTime();
                        if (request.session()) {
                            sessionSent.incrementAndGet();
                            failures.addAll(overSession(anonymous, session, request, sessionAnswered));
                        } else {
                            failures.addAll(check(request.anonymous() ? anonymous : fuzzer, request));
                        }
                        timings.merge(request.endpoint().toString(),
                                Duration.ofNanos(System.nanoTime() - sentAt).toMillis(), Long::sum);
                    }
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            workers.shutdownNow();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.println("EndpointFuzzIntegrationTests: " + sent.get() + " requests to " + endpoints.size()
                + " endpoints in " + took.toMillis() + " ms (" + sessionSent.get() + " over a session, "
                + session.generation() + " sign-ins), seed " + seed + ", " + failures.size() + " faults;"
                + " slowest endpoints (ms): " + timings.entrySet().stream()
                        .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed()).limit(8).toList());
        assertThat(failures).as("faults found with seed %d (replay with -Dfuzz.seed=%d):%n%s", seed, seed,
                String.join("\n", failures.stream().sorted().limit(200).toList())).isEmpty();
        assertThat(sent.get() / endpoints.size()).as("rounds over every endpoint within %s", BUDGET)
                .isGreaterThanOrEqualTo(MIN_ROUNDS);
        assertThat(sessionSent.get()).as("requests over the signed-in session").isGreaterThan(sent.get() / 8);
        assertThat(sessionAnswered.get()).as("session requests the server took as signed in (2xx)").isPositive();
    }

    /**
     * A request over the fuzzer's console session: its cookie and CSRF header added after what the fuzzer sent; a
     * fuzzed sign-in or sign-out, or a session ended otherwise (401), is followed by a new sign-in.
     */
    private List<String> overSession(ApiClient anonymous, FuzzSession session, FuzzRequest request,
            AtomicInteger answered) {
        FuzzSession.Signed signed;
        try {
            signed = session.current();
        } catch (IOException e) {
            return List.of(fault(request, "the fuzzer could not sign in: " + e.getMessage(), null));
        }
        List<RawHttp.Header> headers = new ArrayList<>(request.headers());
        headers.addAll(signed.headers());
        FuzzRequest sent = new FuzzRequest(request.endpoint(), false, true, request.method(), request.target(),
                headers, request.body());
        List<String> faults = new ArrayList<>(check(anonymous, sent));
        RawHttp.Response reply = lastReply.get();
        if (reply != null && reply.status() < 300) {
            answered.incrementAndGet();
        }
        if (reply == null || reply.status() == 401 || request.target().startsWith("/api/v1/sign-")) {
            try {
                session.renew(signed);
            } catch (IOException e) {
                faults.add(fault(sent, "the fuzzer could not sign in again: " + e.getMessage(), reply));
            }
        }
        return faults;
    }

    /** The reply {@link #check} last saw on this thread. */
    private final ThreadLocal<RawHttp.Response> lastReply = new ThreadLocal<>();

    private List<String> check(ApiClient client, FuzzRequest request) {
        RawHttp.Response reply;
        long sentAt = System.nanoTime();
        lastReply.remove();
        try {
            reply = client.raw(request.method(), request.target(), request.headers(), request.body());
            lastReply.set(reply);
        } catch (IOException e) {
            return List.of(fault(request, "no reply after " + Duration.ofNanos(System.nanoTime() - sentAt).toMillis()
                    + " ms: " + e.getMessage(), null));
        }
        List<String> faults = new ArrayList<>(FuzzReplies.faults(request, reply));
        Duration took = Duration.ofNanos(System.nanoTime() - sentAt);
        if (took.compareTo(SLOW) > 0) {
            faults.add("slow reply: " + took.toMillis() + " ms");
        }
        return faults.stream().map(f -> fault(request, f, reply)).toList();
    }

    private static String fault(FuzzRequest request, String fault, RawHttp.Response reply) {
        return request.endpoint() + ": " + fault + "\n  request: " + request.describe()
                + (reply == null ? "" : "\n  reply: " + reply.status() + " " + reply.header("Content-Type") + " "
                        + FuzzRequests.excerpt(reply.text(), 300));
    }

    /** Ids that exist, so that some requests get past "not found" into the code behind it. */
    private List<String> realIds() {
        TaskFixtures fixtures = new TaskFixtures(port);
        JsonNode task = fixtures.submitTask();
        String document = task.path("documents").size() > 0
                ? task.get("documents").get(0).asString() : fixtures.uploadDocument();
        return List.of(task.get("id").asString(), document, "1", "2");
    }
}
