package org.serveline.server.web;

import jakarta.validation.ConstraintViolationException;
import java.util.List;
import java.util.Locale;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/** Turns every error into an RFC 9457 problem detail that says what was wrong and where. */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private final ProblemMessages messages;

    ProblemHandler(ProblemMessages messages) {
        this.messages = messages;
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.text());
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        return problem(HttpStatus.CONFLICT, "Conflict", e.text());
    }

    @ExceptionHandler(InvalidRequestException.class)
    ProblemDetail invalid(InvalidRequestException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", e.text());
        problem.setProperty("errors", said(e.violations()));
        return problem;
    }

    @ExceptionHandler(UnprocessableException.class)
    ProblemDetail unprocessable(UnprocessableException e) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "Unprocessable request", e.text());
        problem.setProperty("errors", said(e.violations()));
        return problem;
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ProblemDetail constraintViolation(ConstraintViolationException e) {
        List<InvalidRequestException.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new InvalidRequestException.Violation(v.getPropertyPath().toString(), v.getMessage()))
                .toList();
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", ProblemText.of("invalid.values",
                violations.size() + " value(s) are invalid", violations.size()));
        problem.setProperty("errors", violations);
        return problem;
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<InvalidRequestException.Violation> violations = ex.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream().map(error -> new InvalidRequestException.Violation(
                        r.getMethodParameter().getParameterName(), error.getDefaultMessage())))
                .toList();
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", ProblemText.of("invalid.values",
                violations.size() + " value(s) are invalid", violations.size()));
        problem.setProperty("errors", violations);
        return ResponseEntity.badRequest().body(problem);
    }

    /** An error response that says its detail in the reader's language: rendered so, the rest as Spring does it. */
    @Override
    protected ResponseEntity<Object> handleErrorResponseException(ErrorResponseException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        if (ex instanceof LocalizedProblem localized) {
            Locale locale = LocaleContextHolder.getLocale();
            ex.getBody().setDetail(messages.render(localized.text(), locale));
            ex.getBody().setTitle(messages.title(status.value(), ex.getBody().getTitle(), locale));
        }
        return super.handleErrorResponseException(ex, headers, status, request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        String value = JsonProblems.shorten(shown(e.getValue()));
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", ProblemText.of("invalid.type",
                "'" + value + "' is not a valid value for " + e.getName(), value, e.getName()));
    }

    /** A rejected value as the client sent it: a repeated parameter arrives as an array, shown joined. */
    private static String shown(Object value) {
        return value instanceof Object[] values ? String.join(",", java.util.Arrays.stream(values)
                .map(String::valueOf).toList()) : String.valueOf(value);
    }

    /** A body declared multipart that is not (no boundary, cut short, parts that do not parse). */
    @ExceptionHandler(MultipartException.class)
    ProblemDetail malformedMultipart(MultipartException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", ProblemText.of("invalid.multipart",
                "多部分（multipart）请求体格式不正确 / the multipart body is malformed (boundary missing or parts cut short)"));
    }

    /** A query or form parameter the servlet container could not decode (invalid percent-encoding or UTF-8). */
    @ExceptionHandler(InvalidParameterException.class)
    ProblemDetail undecodableParameter(InvalidParameterException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", ProblemText.of("invalid.encoding",
                "请求参数编码不正确 / a query or form parameter is not valid percent-encoded UTF-8"));
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ProblemDetail tooLarge(PayloadTooLargeException e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "Content too large", e.text());
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(problem(HttpStatus.CONTENT_TOO_LARGE,
                "Content too large", ProblemText.of("too-large.upload", "the upload exceeds the size limit of "
                        + ex.getMaxUploadSize() + " bytes", ex.getMaxUploadSize())));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemText detail = JsonProblems.detail(rootCause(ex));
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Invalid request", detail));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<InvalidRequestException.Violation> violations = ex.getBindingResult().getFieldErrors().stream()
                .map(f -> new InvalidRequestException.Violation(f.getField(), f.getDefaultMessage()))
                .toList();
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", ProblemText.of("invalid.fields",
                violations.size() + " field(s) are invalid", violations.size()));
        problem.setProperty("errors", violations);
        return ResponseEntity.badRequest().body(problem);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause
                && !(cause instanceof JacksonException)) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Title and detail in the request's language (ADR 0026): its {@code Accept-Language}, English when none. */
    private ProblemDetail problem(HttpStatus status, String title, ProblemText detail) {
        return messages.problem(status, title, detail);
    }

    /** Each violation's message in the request's language, when it has a key; Bean Validation's are already. */
    private List<InvalidRequestException.Violation> said(List<InvalidRequestException.Violation> violations) {
        Locale locale = LocaleContextHolder.getLocale();
        return violations.stream().map(v -> v.text() == null ? v
                : new InvalidRequestException.Violation(v.field(), messages.render(v.text(), locale))).toList();
    }
}
