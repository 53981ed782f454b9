package org.serveline.server.campaign;

import java.util.Map;

/** Live figures of a campaign: calls in flight and settled attempts by outcome. */
public record CampaignProgress(long campaignId, CampaignState state, long dialled, long inCall,
        Map<String, Long> outcomes, long consented, long refused, long exhausted) {
}
