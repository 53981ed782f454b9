package org.serveline.server.call;

import java.time.Clock;
import java.time.Duration;
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
 * Nothing stays DIALING forever. Answered calls whose notice never reported are settled after a grace period;
 * attempts older than {@code serveline.dialer.reconcile-after} are checked against the PBX's live channels
 * (by SERVELINE_ATTEMPT_ID) and settled as FAILED when the PBX no longer has them — which also covers a node
 * that restarted or died mid-call. A PBX whose link is down is left alone until it is back.
 */
@Component
class AttemptReconciler {

    private static final Logger log = LoggerFactory.getLogger(AttemptReconciler.class);

    private final CallAttempts attempts;
    private final PbxGateway gateway;
    private final Clock clock;
    private final Duration noticeGrace;
    private final Duration reconcileAfter;

    AttemptReconciler(CallAttempts attempts, PbxGateway gateway, Clock clock,
            @Value("${serveline.dialer.notice-grace:PT30S}") Duration noticeGrace,
            @Value("${serveline.dialer.reconcile-after:PT5M}") Duration reconcileAfter) {
        this.attempts = attempts;
        this.gateway = gateway;
        this.clock = clock;
        this.noticeGrace = noticeGrace;
        this.reconcileAfter = reconcileAfter;
    }

    @Scheduled(fixedDelayString = "${serveline.dialer.reconcile-interval:PT10S}")
    void sweep() {
        try {
            settleAnsweredWithoutNotice();
            reconcile(attemptsOlderThan(reconcileAfter));
        } catch (RuntimeException e) {
            log.warn("attempt reconciliation failed; next sweep goes on: {}", e.toString(), e);
        }
    }

    /** Reconciles every unsettled attempt now, whatever its age (after a restart or a PBX reconnect). */
    public int reconcileAll() {
        return reconcile(attemptsOlderThan(Duration.ZERO));
    }

    private void settleAnsweredWithoutNotice() {
        for (CallAttempt attempt : attempts.awaitingNotice(noticeGrace)) {
            CallOutcome outcome = attempt.networkOutcome() != null ? attempt.networkOutcome() : CallOutcome.NO_RESPONSE;
            attempts.settleStale(attempt.id(), outcome, "answered, but the notice application never reported");
        }
    }

    private Map<String, java.util.List<CallAttempt>> attemptsOlderThan(Duration age) {
        return attempts.unsettledBefore(clock.instant().minus(age)).stream()
                .collect(Collectors.groupingBy(CallAttempt::pbxId));
    }

    private int reconcile(Map<String, java.util.List<CallAttempt>> byPbx) {
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
                if (!live.contains(attempt.id()) && attempts.settleStale(attempt.id(), CallOutcome.FAILED,
                        "reconciled: no live channel on PBX " + entry.getKey() + " carries this attempt")) {
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
