package org.serveline.server.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.serveline.server.testsupport.RawHttp.Header;

/**
 * A console session for the fuzzer: signed in through the form like the console (its CSRF cookie echoed), its cookie
 * and CSRF header added to the session's requests. A fuzzed sign-out (or anything that ends the session) is followed
 * by a new sign-in, once however many workers notice.
 */
final class FuzzSession {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final String base;
    private final String user;
    private final String password;
    private volatile Signed current;

    /** One sign-in's cookies, numbered so that several workers noticing its end sign in again once. */
    record Signed(int generation, String session, String csrf) {

        List<Header> headers() {
            return List.of(new Header("Cookie", "JSESSIONID=" + session + "; XSRF-TOKEN=" + csrf),
                    new Header("X-XSRF-TOKEN", csrf));
        }
    }

    FuzzSession(int port, String user, String password) {
        this.base = "http://127.0.0.1:" + port;
        this.user = user;
        this.password = password;
    }

    Signed current() throws IOException {
        Signed signed = current;
        return signed != null ? signed : renew(null);
    }

    /** Signs in again unless someone did since {@code ended} was current. */
    synchronized Signed renew(Signed ended) throws IOException {
        if (current != null && current != ended) {
            return current;
        }
        try {
            HttpResponse<Void> page = http.send(HttpRequest.newBuilder(URI.create(base + "/")).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.discarding());
            String csrf = cookie(page, "XSRF-TOKEN").orElseThrow(() -> new IOException("no XSRF-TOKEN cookie"));
            HttpResponse<String> signIn = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/sign-in"))
                    .timeout(TIMEOUT).header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Cookie", "XSRF-TOKEN=" + csrf).header("X-XSRF-TOKEN", csrf)
                    .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (signIn.statusCode() != 200) {
                throw new IOException("the fuzzer's sign-in answered " + signIn.statusCode() + ": " + signIn.body());
            }
            current = new Signed(ended == null ? 1 : ended.generation() + 1,
                    cookie(signIn, "JSESSIONID").orElseThrow(() -> new IOException("no session cookie")),
                    cookie(signIn, "XSRF-TOKEN").orElse(csrf));
            return current;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    int generation() {
        Signed signed = current;
        return signed == null ? 0 : signed.generation();
    }

    private static Optional<String> cookie(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                .map(c -> c.substring(name.length() + 1, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
                .filter(v -> !v.isEmpty()).reduce((first, last) -> last);
    }
}
