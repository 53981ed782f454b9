package org.serveline.server.audit;

import org.serveline.server.security.SecurityEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Appends the security feature's events (sign-ins, refusals, locks, people and tokens changed) in their transaction. */
@Component
class SecurityAuditListener {

    private final AuditTrail trail;

    SecurityAuditListener(AuditTrail trail) {
        this.trail = trail;
    }

    @EventListener
    void on(SecurityEvent event) {
        trail.append(new AuditRecord(event.chain(), event.actor(), event.action(), event.subject(), event.before(),
                event.after(), event.details()));
    }
}
