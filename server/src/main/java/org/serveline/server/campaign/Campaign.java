package org.serveline.server.campaign;

import java.time.Instant;

/** An automated outbound campaign: which approved tasks it dials, within which limits, and whether it runs. */
public record Campaign(long id, String name, String courtId, String caseType, CampaignState state,
        CampaignLimits limits, String createdBy, Instant createdAt, Instant updatedAt) {
}
