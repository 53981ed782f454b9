package org.serveline.server.web;

/**
 * An {@link org.springframework.web.ErrorResponseException} whose detail the problem handler says in the reader's
 * language (ADR 0026): its body's detail is the English, {@link #text()} the key and arguments.
 */
public interface LocalizedProblem {

    ProblemText text();
}
