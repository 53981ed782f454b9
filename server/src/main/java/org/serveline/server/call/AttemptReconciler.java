package org.serveline.server.call;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Nothing stays DIALING forever. Attempts older than {@code serveline.dialer.reconcile-after}, and answered
 * calls whose notice has not reported {@code notice-grace} after the network outcome, are checked against the
 * PBX's live channels (by SERVELINE_ATTEMPT_ID); those the PBX no longer has are settled — which also covers a
 * node that restarted or died mid-call. A PBX whose link is down is left alone until it is back.
 */
@Component
class AttemptReconciler {

    private static final Logger log = LoggerFactory.getLogger(AttemptReconciler.class);
    private static final Duration SETTLE = Duration.ofSeconds(30);

    private final CallAttempts attempts;
    private final PbxGateway gateway;
    private final Clock clock;
    private final Duration noticeGrace;
    private final Duration reconcileAfter;
    private final Instant startedAt;
    private Map<String, Long> seenReconnects = Map.of();

    AttemptReconciler(CallAttempts attempts, PbxGateway gateway, Clock clock,
            @Value("${serveline.dialer.notice-grace:PT60S}") Duration noticeGrace,
            @Value("${serveline.dialer.reconcile-after:PT5M}") Duration reconcileAfter) {
        this.attempts = attempts;
        this.gateway = gateway;
        this.clock = clock;
        this.noticeGrace = noticeGrace;
        this.reconcileAfter = reconcileAfter;
        this.startedAt = clock.instant();
    }

    @Scheduled(fixedDelayString = "${serveline.dialer.reconcile-interval:PT10S}")
    void sweep() {
        try {
            Instant now = clock.instant();
            reconcile(attempts.unsettledBefore(cutoff(now, startedAt, reconcileAfter)).stream()
                    .filter(a -> a.endedAt() == null).toList());
            Map<String, Long> reconnects = currentReconnects();
            Set<String> reconnected = reconnected(seenReconnects, reconnects);
            seenReconnects = reconnects;
            if (!reconnected.isEmpty()) {
                // events may have been lost while the link was down: check those PBXs' attempts now, not in minutes
                reconcile(attempts.unsettledBefore(now.minus(SETTLE)).stream()
                        .filter(a -> reconnected.contains(a.pbxId())).toList());
            }
            reconcile(attempts.awaitingNotice(noticeGrace));
        } catch (RuntimeException e) {
            log.warn("attempt reconciliation failed; next sweep goes on: {}", e.toString(), e);
        }
    }

    /**
     * Attempts older than {@code reconcile-after} are checked; so, soon after a restart, are those made before
     * this node started (their calls may have ended while no node listened) once they are 30 s old — younger
     * ones may belong to another node that is about to send their Originate.
     */
    static Instant cutoff(Instant now, Instant startedAt, Duration reconcileAfter) {
        Instant beforeStart = startedAt.isBefore(now.minus(SETTLE)) ? startedAt : now.minus(SETTLE);
        Instant byAge = now.minus(reconcileAfter);
        return beforeStart.isAfter(byAge) ? beforeStart : byAge;
    }

    private Map<String, Long> currentReconnects() {
        Map<String, Long> now = new HashMap<>();
        gateway.trunks().forEach(t -> now.put(t.pbxId(), gateway.linkReconnects(t.pbxId())));
        return now;
    }

    /** The PBXs whose link came up again between two looks; a PBX seen for the first time has not. */
    static Set<String> reconnected(Map<String, Long> before, Map<String, Long> now) {
        return now.entrySet().stream().filter(e -> e.getValue() > before.getOrDefault(e.getKey(), e.getValue()))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    /** Reconciles every unsettled attempt now, whatever its age (after a restart or a PBX reconnect). */
    public int reconcileAll() {
        return reconcile(attempts.unsettledBefore(clock.instant()));
    }

    private int reconcile(List<CallAttempt> candidates) {
        Map<String, List<CallAttempt>> byPbx = candidates.stream().collect(Collectors.groupingBy(CallAttempt::pbxId));
        int settled = 0;
        for (var entry : byPbx.entrySet()) {
            if (!gateway.isUp(entry.getKey())) {
                continue;
            }
            Set<String> live;
            try {
                live = gateway.liveAttemptIds(entry.getKey()).get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.warn("could not list live channels on PBX {}: {}", entry.getKey(), e.toString());
                continue;
            }
            for (CallAttempt attempt : entry.getValue()) {
                if (!live.contains(attempt.id()) && attempts.settleLost(attempt.id(),
                        "reconciled: channel vanished: no live channel on PBX " + entry.getKey()
                                + " carries this attempt")) {
                    settled++;
                }
            }
        }
        if (settled > 0) {
            log.info("reconciliation settled {} attempt(s) the PBX no longer had", settled);
        }
        return settled;
    }
}
