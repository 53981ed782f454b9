package org.serveline.server.court;

import java.time.ZoneId;
import java.util.List;
import org.serveline.server.task.ServiceChannel;

/** A court served by this deployment, with the order in which its channels are tried. */
public record Court(String id, String name, ZoneId timeZone, List<ServiceChannel> channelChain) {
}
