package org.serveline.server.fieldwork;

import java.util.List;
import org.serveline.server.web.LocalizedProblem;
import org.serveline.server.web.ProblemText;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** An upload whose bytes are not of an accepted media type (415). */
public class UnsupportedUploadException extends ErrorResponseException implements LocalizedProblem {

    private final transient ProblemText text;

    public UnsupportedUploadException(String sniffed, List<String> allowed) {
        super(HttpStatus.UNSUPPORTED_MEDIA_TYPE, problem(sniffed, allowed), null);
        this.text = ProblemText.of("upload.type", getBody().getDetail(), sniffed, String.join("、", allowed));
    }

    @Override
    public ProblemText text() {
        return text;
    }

    private static ProblemDetail problem(String sniffed, List<String> allowed) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "the file is " + sniffed + " (read from its bytes); accepted: " + allowed);
        problem.setTitle("Unsupported media type");
        return problem;
    }
}
