package org.serveline.server.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.serveline.server.board.internal.BoardQueries;
import org.serveline.server.operator.OperatorView;

/** Which transfers ring which operator's screen, as the dialplan rings their softphones. */
class BoardReadingsTests {

    private static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");
    private static final Board EMPTY = new Board(0, List.of(), List.of(), List.of(), List.of(),
            new Board.Backlog(null, null, null, null));

    @Test
    void aLiveTransferRingsTheFreeOperatorsRegisteredOnItsPbxOnly() {
        BoardReadings.Reading reading = reading(List.of(transferring("pbx-a")),
                List.of(operator("free-a", "pbx-a", true, null), operator("busy-a", "pbx-a", true, 7L),
                        operator("free-b", "pbx-b", true, null), operator("unregistered", "pbx-a", false, null)));

        assertThat(sources("free-a", reading)).containsExactly(OperatorFeed.Source.LIVE);
        assertThat(sources("busy-a", reading)).as("another operator on that PBX is free").isEmpty();
        assertThat(sources("free-b", reading)).as("registered on another PBX").isEmpty();
        assertThat(sources("unregistered", reading)).isEmpty();
        OperatorFeed.Transfer ringing = BoardReadings.feed("free-a", reading).transfers().get(0);
        assertThat(ringing.caseNumber()).isEqualTo("(2026)内0303民初1号");
        assertThat(ringing.partyName()).isEqualTo("张三");
        assertThat(ringing.noticePlayed()).containsExactly("greeting@0.000s+4.000s", "question@4.000s+2.000s!0");
    }

    @Test
    void whenEveryOperatorOnThePbxIsBusyTheTransferRingsThemAll() {
        BoardReadings.Reading reading = reading(List.of(transferring("pbx-a")),
                List.of(operator("busy-1", "pbx-a", true, 7L), operator("busy-2", "pbx-a", true, 8L)));

        assertThat(sources("busy-1", reading)).containsExactly(OperatorFeed.Source.LIVE);
        assertThat(sources("busy-2", reading)).containsExactly(OperatorFeed.Source.LIVE);
    }

    @Test
    void aCallThatIsNotATransferOrAnOperatorsOwnCallRingsNobody() {
        BoardQueries.LiveCall notice = new BoardQueries.LiveCall("att-2", 2, "(2026)内0303民初2号", "李四", "pbx-a",
                "trunk", "ANSWERED", null, 1L, NOW, NOW, null, List.of());
        BoardQueries.LiveCall operatorCall = new BoardQueries.LiveCall("att-3", 3, "(2026)内0303民初3号", "王五",
                "pbx-a", "trunk", "ANSWERED", "someone", null, NOW, NOW, "TRANSFERRED", List.of());
        BoardReadings.Reading reading = reading(List.of(notice, operatorCall),
                List.of(operator("free-a", "pbx-a", true, null)));

        assertThat(sources("free-a", reading)).isEmpty();
    }

    @Test
    void theQueueRingsEverySignedInOperatorAndNobodyWhoIsNotSignedIn() {
        BoardQueries.Queued queued = new BoardQueries.Queued(9, "att-9", "(2026)内0303民初9号", "赵六", NOW,
                List.of("greeting@0.000s+4.000s"));
        BoardReadings.Reading reading = new BoardReadings.Reading(EMPTY, List.of(),
                List.of(operator("busy-a", "pbx-a", true, 7L), operator("unregistered", null, false, null)),
                List.of(queued));

        assertThat(sources("busy-a", reading)).containsExactly(OperatorFeed.Source.QUEUE);
        assertThat(sources("unregistered", reading)).containsExactly(OperatorFeed.Source.QUEUE);
        OperatorFeed stranger = BoardReadings.feed("stranger", reading);
        assertThat(stranger.signedIn()).isFalse();
        assertThat(stranger.transfers()).isEmpty();
        assertThat(BoardReadings.feed("busy-a", reading).currentTaskId()).isEqualTo(7L);
    }

    @Test
    void anOperatorRowNamesTheSoftphoneStateTheTaskHeldAndTheLiveCall() {
        BoardQueries.LiveCall call = new BoardQueries.LiveCall("att-5", 5, "(2026)内0303民初5号", "周通话", "pbx-a",
                "trunk", "ANSWERED", "talking", null, NOW.minusSeconds(40), NOW.minusSeconds(30), null, List.of());
        OperatorView talking = new OperatorView("talking", "PJSIP/talking", true, "Not in use", "pbx-a",
                NOW.minusSeconds(600), NOW, 5L);
        OperatorView holding = new OperatorView("holding", "PJSIP/holding", true, "Ring+Inuse", "pbx-a", NOW, NOW,
                6L);
        OperatorView idle = operator("idle", "pbx-a", false, null);
        var held = java.util.Map.of(6L, new BoardQueries.Held(6, "(2026)内0303民初6号", "吴预览"));

        Board.Operator onCall = BoardReadings.operator(talking, List.of(call), held);
        assertThat(onCall.softphone()).as("Asterisk last said 'Not in use'; the operator's own call is live")
                .isEqualTo(org.serveline.server.operator.SoftphoneState.INUSE);
        assertThat(onCall.softphoneSince()).as("since the call began").isEqualTo(NOW.minusSeconds(40));
        assertThat(onCall.registration()).as("Asterisk's word is kept for the tooltip").isEqualTo("Not in use");
        assertThat(onCall.caseNumber()).isEqualTo("(2026)内0303民初5号");
        assertThat(onCall.partyName()).isEqualTo("周通话");
        assertThat(onCall.currentCall()).isEqualTo(new Board.OperatorCall("att-5", "ANSWERED", NOW.minusSeconds(40),
                NOW.minusSeconds(30)));

        Board.Operator previewing = BoardReadings.operator(holding, List.of(call), held);
        assertThat(previewing.softphone()).isEqualTo(org.serveline.server.operator.SoftphoneState.RINGINUSE);
        assertThat(previewing.partyName()).isEqualTo("吴预览");
        assertThat(previewing.currentCall()).as("another operator's call").isNull();

        Board.Operator free = BoardReadings.operator(idle, List.of(call), held);
        assertThat(free.softphone()).isEqualTo(org.serveline.server.operator.SoftphoneState.UNKNOWN);
        assertThat(free.currentTaskId()).isNull();
        assertThat(free.caseNumber()).isNull();
        assertThat(free.currentCall()).isNull();
        BoardReadings.Reading reading = reading(List.of(call), List.of(talking));
        assertThat(BoardReadings.feed("talking", reading).currentCall()).as("the operator's own call timer")
                .isEqualTo(onCall.currentCall());
    }

    private static List<OperatorFeed.Source> sources(String username, BoardReadings.Reading reading) {
        return BoardReadings.feed(username, reading).transfers().stream().map(OperatorFeed.Transfer::source).toList();
    }

    private static BoardReadings.Reading reading(List<BoardQueries.LiveCall> live, List<OperatorView> operators) {
        return new BoardReadings.Reading(EMPTY, live, operators, List.of());
    }

    private static BoardQueries.LiveCall transferring(String pbx) {
        return new BoardQueries.LiveCall("att-1", 1, "(2026)内0303民初1号", "张三", pbx, "trunk", "ANSWERED", null, 1L,
                NOW, NOW, "TRANSFERRED", List.of("greeting@0.000s+4.000s", "question@4.000s+2.000s!0"));
    }

    private static OperatorView operator(String name, String pbx, boolean registered, Long task) {
        return new OperatorView(name, "PJSIP/" + name, registered, registered ? "Reachable" : "unknown", pbx, NOW,
                NOW, task);
    }
}
