package org.serveline.telephony.notice;

/**
 * Receives every notice result exactly once. Called on the AGI session's virtual thread before the session ends;
 * hand slow work (database, audit) off or keep it short, the party is still on the line.
 */
@FunctionalInterface
public interface NoticeResultListener {

    void noticeCompleted(NoticeResult result);
}
