package org.serveline.server.lookup;

import org.serveline.server.task.TaskId;

/**
 * A contact lookup found a postal address for a task's party (published in the lookup's transaction, after the
 * address is recorded): for the postal channel to mail to.
 */
public record PartyAddressFound(TaskId taskId, String address, String source) {
}
