package org.serveline.server.board;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.serveline.server.board.internal.BoardQueries;
import org.serveline.server.call.CallOutcome;
import org.serveline.server.call.PbxGateway;
import org.serveline.server.campaign.Campaign;
import org.serveline.server.campaign.CampaignState;
import org.serveline.server.campaign.Campaigns;
import org.serveline.server.operator.OperatorSessions;
import org.serveline.server.operator.OperatorView;
import org.serveline.server.operator.SoftphoneState;
import org.springframework.stereotype.Component;

/**
 * Reads the board and each operator's feed: the shared database for calls, operators, campaigns and the queue
 * (every node's work), this node's PBX links and meters for link health and backlogs. Campaign figures, the heavier
 * reads, are kept for {@code serveline.board.campaign-refresh}.
 */
@Component
class BoardReadings {

    /**
     * The states a softphone reports when idle or merely registered. The shipped eventfilter drops in-call device
     * states (ADR 0018), so while the operator's own call is live the row says the phone is in use, since the call began.
     */
    private static final Set<SoftphoneState> IDLE = EnumSet.of(SoftphoneState.NOT_INUSE, SoftphoneState.REACHABLE,
            SoftphoneState.NON_QUALIFIED, SoftphoneState.UNKNOWN);

    /** Campaigns shown: every one not stopped, then the latest stopped ones up to this many. */
    static final int CAMPAIGNS_SHOWN = 20;
    static final int QUEUE_SHOWN = 50;

    private final BoardQueries queries;
    private final PbxGateway pbxs;
    private final OperatorSessions operators;
    private final Campaigns campaigns;
    private final MeterRegistry meters;
    private final BoardProperties properties;
    private final Clock clock;
    private volatile CachedFigures figures = new CachedFigures(Instant.MIN, Map.of(), Map.of());

    BoardReadings(BoardQueries queries, PbxGateway pbxs, OperatorSessions operators, Campaigns campaigns,
            MeterRegistry meters, BoardProperties properties, Clock clock) {
        this.queries = queries;
        this.pbxs = pbxs;
        this.operators = operators;
        this.campaigns = campaigns;
        this.meters = meters;
        this.properties = properties;
        this.clock = clock;
    }

    private record CachedFigures(Instant at, Map<Long, BoardQueries.CampaignFigures> figures, Map<Long, Long> waiting) {
    }

    /** One reading: the board, and what the operators' feeds are made of. */
    record Reading(Board board, List<BoardQueries.LiveCall> live, List<OperatorView> operators,
            List<BoardQueries.Queued> queued) {
    }

    Reading read() {
        List<BoardQueries.LiveCall> live = queries.liveCalls();
        List<OperatorView> signedIn = operators.signedIn();
        List<BoardQueries.TrunkCount> counts = queries.liveByTrunk();
        Map<Long, BoardQueries.Held> held = queries.held(signedIn.stream().map(OperatorView::currentTaskId)
                .filter(Objects::nonNull).toList());
        Board board = new Board(counts.stream().mapToInt(BoardQueries.TrunkCount::live).sum(), pbxs(counts),
                live.stream().map(BoardReadings::call).toList(),
                signedIn.stream().map(op -> operator(op, live, held)).toList(), campaigns(), backlog());
        return new Reading(board, live, signedIn, queries.queued(QUEUE_SHOWN));
    }

    /** What one operator's screen is pushed, from a reading. */
    static OperatorFeed feed(String username, Reading reading) {
        OperatorView me = reading.operators().stream().filter(op -> op.username().equals(username)).findFirst()
                .orElse(null);
        if (me == null) {
            return new OperatorFeed(username, false, false, null, null, List.of());
        }
        List<OperatorFeed.Transfer> transfers = new ArrayList<>();
        for (BoardQueries.LiveCall call : reading.live()) {
            if (CallOutcome.TRANSFERRED.name().equals(call.noticeResult()) && call.operator() == null
                    && ringsFor(me, call.pbx(), reading.operators())) {
                transfers.add(new OperatorFeed.Transfer(OperatorFeed.Source.LIVE, call.taskId(), call.attemptId(),
                        call.caseNumber(), call.partyName(), call.noticePlayed(), call.createdAt()));
            }
        }
        for (BoardQueries.Queued queued : reading.queued()) {
            transfers.add(new OperatorFeed.Transfer(OperatorFeed.Source.QUEUE, queued.taskId(), queued.attemptId(),
                    queued.caseNumber(), queued.partyName(), queued.noticePlayed(), queued.queuedAt()));
        }
        return new OperatorFeed(username, true, me.registered(), me.currentTaskId(),
                operator(me, reading.live(), Map.of()).currentCall(), transfers);
    }

    /**
     * Whether a live transfer on {@code pbx} rings this operator's softphone: as {@code TransferOperators} publishes
     * the dialplan's operators, the free ones registered on that PBX, else all registered there.
     */
    private static boolean ringsFor(OperatorView me, String pbx, List<OperatorView> all) {
        if (!me.registered() || !pbx.equals(me.pbxId())) {
            return false;
        }
        boolean anyFree = all.stream().anyMatch(op -> op.registered() && pbx.equals(op.pbxId())
                && op.currentTaskId() == null);
        return me.currentTaskId() == null || !anyFree;
    }

    private List<Board.Pbx> pbxs(List<BoardQueries.TrunkCount> counts) {
        Map<String, Map<String, Integer>> limits = new LinkedHashMap<>();
        for (PbxGateway.Trunk trunk : pbxs.trunks()) {
            limits.computeIfAbsent(trunk.pbxId(), id -> new LinkedHashMap<>()).put(trunk.name(), trunk.maxChannels());
        }
        TreeSet<String> ids = new TreeSet<>(limits.keySet());
        counts.forEach(c -> ids.add(c.pbx()));
        List<Board.Pbx> result = new ArrayList<>();
        for (String id : ids) {
            Map<String, Integer> configured = limits.getOrDefault(id, Map.of());
            TreeSet<String> trunks = new TreeSet<>(configured.keySet());
            counts.stream().filter(c -> c.pbx().equals(id)).forEach(c -> trunks.add(c.trunk()));
            List<Board.Trunk> rows = trunks.stream().map(name -> new Board.Trunk(name, counts.stream()
                    .filter(c -> c.pbx().equals(id) && c.trunk().equals(name)).mapToInt(BoardQueries.TrunkCount::live)
                    .sum(), configured.getOrDefault(name, 0))).toList();
            Board.LinkState link = !limits.containsKey(id) ? Board.LinkState.UNKNOWN
                    : pbxs.isUp(id) ? Board.LinkState.UP : Board.LinkState.DOWN;
            result.add(new Board.Pbx(id, link, pbxs.linkReconnects(id),
                    rows.stream().mapToInt(Board.Trunk::callsLive).sum(), rows));
        }
        return result;
    }

    private static Board.LiveCall call(BoardQueries.LiveCall call) {
        return new Board.LiveCall(call.attemptId(), call.taskId(), call.caseNumber(), call.pbx(), call.trunk(),
                call.state(), call.operator(), call.campaignId(), call.createdAt(), call.answeredAt(),
                CallOutcome.TRANSFERRED.name().equals(call.noticeResult()));
    }

    /** One operator's row: their live call (theirs, or on the task they hold), else the task held, else idle. */
    static Board.Operator operator(OperatorView op, List<BoardQueries.LiveCall> live,
            Map<Long, BoardQueries.Held> held) {
        BoardQueries.LiveCall call = live.stream().filter(c -> op.username().equals(c.operator())
                || (op.currentTaskId() != null && c.taskId() == op.currentTaskId())).findFirst().orElse(null);
        BoardQueries.Held task = call != null
                ? new BoardQueries.Held(call.taskId(), call.caseNumber(), call.partyName())
                : op.currentTaskId() == null ? null : held.get(op.currentTaskId());
        boolean engaged = call != null && op.username().equals(call.operator()) && IDLE.contains(op.softphone());
        return new Board.Operator(op.username(), op.endpoint(), op.registered(), op.registration(),
                engaged ? SoftphoneState.INUSE : op.softphone(), engaged ? call.createdAt() : op.registrationSince(),
                op.pbxId(), task == null ? op.currentTaskId() : Long.valueOf(task.taskId()),
                task == null ? null : task.caseNumber(), task == null ? null : task.partyName(),
                call == null ? null : new Board.OperatorCall(call.attemptId(), call.state(), call.createdAt(),
                        call.answeredAt()));
    }

    private List<Board.CampaignProgress> campaigns() {
        List<Campaign> all = campaigns.all();
        List<Campaign> shown = new ArrayList<>(all.stream().filter(c -> c.state() != CampaignState.STOPPED).toList());
        all.stream().filter(c -> c.state() == CampaignState.STOPPED)
                .sorted(Comparator.comparing(Campaign::updatedAt).reversed())
                .limit(Math.max(0, CAMPAIGNS_SHOWN - shown.size())).forEach(shown::add);
        shown.sort(Comparator.comparingLong(Campaign::id).reversed());
        CachedFigures cached = figures(shown);
        return shown.stream().map(c -> {
            BoardQueries.CampaignFigures f = cached.figures().getOrDefault(c.id(), BoardQueries.CampaignFigures.NONE);
            long waiting = c.state() == CampaignState.STOPPED ? 0 : cached.waiting().getOrDefault(c.id(), 0L);
            return new Board.CampaignProgress(c.id(), c.name(), c.state().name(), c.limits().maxConcurrentCalls(),
                    c.limits().maxCallsPerSecond(), c.limits().callingFrom(), c.limits().callingUntil(),
                    f.tasksDialled() + waiting, f.tasksDone(), f.answered(), f.consented(), f.inFlight());
        }).toList();
    }

    /** The campaign figures, read again when older than the campaign refresh or when a campaign is new to them. */
    private CachedFigures figures(List<Campaign> shown) {
        CachedFigures cached = figures;
        Instant now = clock.instant();
        boolean stale = cached.at().plus(properties.campaignRefresh()).isBefore(now)
                || shown.stream().anyMatch(c -> !cached.waiting().containsKey(c.id()));
        if (!stale) {
            return cached;
        }
        List<Long> ids = shown.stream().map(Campaign::id).toList();
        Map<Long, Long> waiting = new LinkedHashMap<>();
        shown.forEach(c -> waiting.put(c.id(), c.state() == CampaignState.STOPPED ? 0L
                : queries.campaignWaiting(c.id(), c.courtId(), c.caseType())));
        CachedFigures fresh = new CachedFigures(now, queries.campaignFigures(ids), waiting);
        figures = fresh;
        return fresh;
    }

    private Board.Backlog backlog() {
        return new Board.Backlog(gauge("serveline.recordings.spool.backlog"), counted("serveline.delivery.failures"),
                gauge("serveline.ami.event.queue"), gauge("serveline.agi.sessions.live"));
    }

    private Long gauge(String name) {
        return Optional.ofNullable(meters.find(name).gauge()).map(Gauge::value).filter(v -> !v.isNaN())
                .map(Math::round).orElse(null);
    }

    private Long counted(String name) {
        var counters = meters.find(name).counters();
        return counters.isEmpty() ? null : Math.round(counters.stream().mapToDouble(Counter::count).sum());
    }
}
