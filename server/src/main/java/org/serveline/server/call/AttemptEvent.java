package org.serveline.server.call;

/**
 * What the PBX or the notice reports about one attempt: it was answered, its call ended, its notice was heard.
 * {@link CallAttempts#recordAll} applies a batch of them, in order, in one transaction.
 */
public sealed interface AttemptEvent permits CallAnswered, CallEnded, NoticeHeard {

    String attemptId();
}
