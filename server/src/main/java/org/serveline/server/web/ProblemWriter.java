package org.serveline.server.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes a problem detail straight to a servlet response, for errors raised outside Spring MVC. */
@Component
public class ProblemWriter {

    private final JsonMapper json;
    private final ProblemMessages messages;

    ProblemWriter(JsonMapper json, ProblemMessages messages) {
        this.json = json;
        this.messages = messages;
    }

    /** The detail said in the language the request asks for in {@code Accept-Language} (ADR 0026). */
    public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, ProblemText detail)
            throws IOException {
        write(response, status, messages.render(detail, ReaderLocale.of(request)), request.getRequestURI());
    }

    public void write(HttpServletResponse response, HttpStatus status, String detail, String path) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        instance(path).ifPresent(problem::setInstance);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(java.nio.charset.StandardCharsets.UTF_8.name()); // the details are Chinese first
        response.getWriter().write(json.writeValueAsString(problem));
    }

    /** The request path as the problem's instance; a path that is not a valid URI (the reason it failed) is left out. */
    private static java.util.Optional<URI> instance(String path) {
        try {
            return java.util.Optional.ofNullable(path).map(URI::create);
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }
}
