package org.serveline.server.board;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import org.serveline.server.operator.SoftphoneState;

/**
 * What the supervisor's board shows, as one node sees it: calls live (from the shared database: every node's calls),
 * per PBX and trunk with this node's AMI link to each, the live calls themselves, every signed-in operator with the
 * softphone's registration and current call, campaign progress, and this node's backlogs. Two boards are equal when
 * nothing shown changed; a push carries it with the node and the time ({@link Pushed}).
 */
public record Board(int callsLive, List<Pbx> pbxs, List<LiveCall> calls, List<Operator> operators,
        List<CampaignProgress> campaigns, Backlog backlog) {

    public Board {
        pbxs = List.copyOf(pbxs);
        calls = List.copyOf(calls);
        operators = List.copyOf(operators);
        campaigns = List.copyOf(campaigns);
    }

    /** The board as pushed: by which node, read when. */
    public record Pushed(String node, Instant at, Board board) {
    }

    /** A PBX: this node's AMI link to it (unknown when this node has none), its calls live, its trunks. */
    public record Pbx(String pbx, LinkState link, long reconnects, int callsLive, List<Trunk> trunks) {
    }

    public enum LinkState {
        UP, DOWN, UNKNOWN
    }

    /** A trunk's calls live against its channel limit (0: not configured on this node). */
    public record Trunk(String trunk, int callsLive, int maxChannels) {
    }

    /** A call not yet ended: dialling, ringing or talking; {@code transfer} once the party pressed 0. */
    public record LiveCall(String attemptId, long taskId, String caseNumber, String pbx, String trunk, String state,
            String operator, Long campaignId, Instant since, Instant answeredAt, boolean transfer) {
    }

    /**
     * A signed-in operator: the softphone's registration as this node knows it (Asterisk's word and its code), since
     * when it has been so; the task held (its case and party) and its live call, if any.
     */
    public record Operator(String username, String endpoint, boolean registered, String registration,
            SoftphoneState softphone, Instant softphoneSince, String pbx, Long currentTaskId, String caseNumber,
            String partyName, OperatorCall currentCall) {
    }

    /**
     * An operator's live call: the attempt, DIALING (ringing the softphone, then the party) or ANSWERED, placed when
     * and answered when (the screen counts its duration from these).
     */
    public record OperatorCall(String attemptId, String state, Instant since, Instant answeredAt) {
    }

    /**
     * A campaign's progress: tasks it dialled or may still dial ({@code tasksTotal}) and those that left the phone
     * ({@code tasksDone}); attempts answered, consented and in flight.
     */
    public record CampaignProgress(long id, String name, String state, int maxConcurrentCalls,
            double maxCallsPerSecond, LocalTime callingFrom, LocalTime callingUntil, long tasksTotal, long tasksDone,
            long answered, long consented, long inFlight) {
    }

    /**
     * This node's meters: recordings waiting in its spool, electronic messages that failed, AMI events waiting,
     * FastAGI sessions open (null when the meter is not there).
     */
    public record Backlog(Long recordingsWaiting, Long deliveryFailures, Long amiEventsWaiting, Long agiSessions) {
    }
}
