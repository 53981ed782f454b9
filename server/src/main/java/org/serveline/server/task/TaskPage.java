package org.serveline.server.task;

import java.util.List;

/** One page of a task listing. */
public record TaskPage(List<TaskView> items, int page, int size, long total) {
}
