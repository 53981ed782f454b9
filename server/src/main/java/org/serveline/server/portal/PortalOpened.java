package org.serveline.server.portal;

import java.time.Instant;
import org.serveline.server.task.TaskId;

/** The party entered the right code on the portal; {@code first} when it is the link's first open. */
public record PortalOpened(TaskId taskId, String token, Instant at, boolean first, String clientAddress) {
}
