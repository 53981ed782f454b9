package org.serveline.server.fieldwork;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A field agent acting on an assignment that is not theirs (403). */
public class NotYourAssignmentException extends ErrorResponseException {

    public NotYourAssignmentException(long assignmentId) {
        super(HttpStatus.FORBIDDEN, problem(assignmentId), null);
    }

    private static ProblemDetail problem(long assignmentId) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                "field assignment " + assignmentId + " is not assigned to you");
        problem.setTitle("Forbidden");
        return problem;
    }
}
