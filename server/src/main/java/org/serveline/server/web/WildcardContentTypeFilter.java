package org.serveline.server.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request whose Content-Type is a wildcard ({@code application/*}, {@code *}{@code /*}) says nothing about its body,
 * and Spring MVC fails on it with an internal error when it reads the body: refuse it with a 415 problem first.
 */
@Component
class WildcardContentTypeFilter extends OncePerRequestFilter {

    private final ProblemWriter problems;

    WildcardContentTypeFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (wildcard(request.getContentType())) {
            problems.write(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "请求内容类型不能是通配符 / the Content-Type must name a concrete type, not a wildcard",
                    request.getRequestURI());
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean wildcard(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.isWildcardType() || type.isWildcardSubtype();
        } catch (InvalidMediaTypeException e) {
            return false; // Spring MVC answers an unreadable Content-Type with its own 415 problem
        }
    }
}
