package org.serveline.server.postal;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The postal feature's exceptions as RFC 9457 problem details. */
@RestControllerAdvice(assignableTypes = PostalController.class)
class PostalProblems {

    @ExceptionHandler({MalformedTrackingNumberException.class, UnknownTrackingNumberException.class})
    ProblemDetail badNumber(PostalException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid tracking number", e.getMessage());
        problem.setProperty("field", "trackingNumber");
        return problem;
    }

    @ExceptionHandler(NoMailingException.class)
    ProblemDetail noMailing(NoMailingException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler(MailingConflictException.class)
    ProblemDetail conflict(MailingConflictException e) {
        return problem(HttpStatus.CONFLICT, "Conflict", e.getMessage());
    }

    @ExceptionHandler(WebhookRejectedException.class)
    ProblemDetail rejected(WebhookRejectedException e) {
        return problem(HttpStatus.UNAUTHORIZED, "Webhook not authenticated", e.getMessage());
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
