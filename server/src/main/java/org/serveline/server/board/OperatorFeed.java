package org.serveline.server.board;

import java.time.Instant;
import java.util.List;

/**
 * What one operator's screen is pushed: their session (signed in, softphone registered, task held, its live call:
 * the screen's call timer) and the
 * transfers that ring for them — a party who pressed 0 and is being put through to this operator's softphone now
 * ({@link Source#LIVE}: to the free operators registered on that PBX, as the dialplan rings them), or who waits in the
 * operators' queue ({@link Source#QUEUE}: for every signed-in operator; "next" takes it).
 */
public record OperatorFeed(String username, boolean signedIn, boolean registered, Long currentTaskId,
        Board.OperatorCall currentCall, List<Transfer> transfers) {

    public OperatorFeed {
        transfers = List.copyOf(transfers);
    }

    public enum Source {
        LIVE, QUEUE
    }

    /** One party asking for an operator: the task's case, the party, and the notice played so far. */
    public record Transfer(Source source, long taskId, String attemptId, String caseNumber, String partyName,
            List<String> noticePlayed, Instant since) {

        public Transfer {
            noticePlayed = List.copyOf(noticePlayed);
        }
    }
}
