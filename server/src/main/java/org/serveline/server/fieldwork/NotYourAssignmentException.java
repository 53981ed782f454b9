package org.serveline.server.fieldwork;

import org.serveline.server.web.LocalizedProblem;
import org.serveline.server.web.ProblemText;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A field agent acting on an assignment that is not theirs (403). */
public class NotYourAssignmentException extends ErrorResponseException implements LocalizedProblem {

    private final transient ProblemText text;

    public NotYourAssignmentException(long assignmentId) {
        super(HttpStatus.FORBIDDEN, problem(assignmentId), null);
        this.text = ProblemText.of("field.not-yours", getBody().getDetail(), assignmentId);
    }

    @Override
    public ProblemText text() {
        return text;
    }

    private static ProblemDetail problem(long assignmentId) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                "field assignment " + assignmentId + " is not assigned to you");
        problem.setTitle("Forbidden");
        return problem;
    }
}
