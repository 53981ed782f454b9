package org.serveline.server.task;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Filtered, paged listings of tasks for the console and the case-management system. */
@Service
public class TaskQueries {

    private final JdbcClient jdbc;
    private final TaskRows rows;

    TaskQueries(JdbcClient jdbc, TaskRows rows) {
        this.jdbc = jdbc;
        this.rows = rows;
    }

    public record Filter(TaskState state, String court, String caseNumber, Long batchId) {
    }

    @Transactional(readOnly = true)
    public TaskPage list(Filter filter, int page, int size) {
        return list(filter, page, size, false);
    }

    /** As {@link #list(Filter, int, int)}, oldest first when {@code oldestFirst} (the review queue's order). */
    @Transactional(readOnly = true)
    public TaskPage list(Filter filter, int page, int size, boolean oldestFirst) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        add(where, params, "state", filter.state() == null ? null : filter.state().name());
        add(where, params, "court_id", filter.court());
        add(where, params, "case_number", filter.caseNumber());
        add(where, params, "batch_id", filter.batchId());
        long total = jdbc.sql("SELECT COUNT(*) FROM service_task" + where).params(params).query(Long.class).single();
        List<Long> ids = jdbc.sql("SELECT id FROM service_task" + where + " ORDER BY id" + (oldestFirst ? "" : " DESC")
                + " LIMIT :size OFFSET :offset")
                .params(params).param("size", size).param("offset", (long) page * size).query(Long.class).list();
        List<TaskView> items = new ArrayList<>();
        rows.load(ids).forEach(t -> items.add(TaskView.of(t)));
        Comparator<TaskView> byId = Comparator.comparingLong(TaskView::id);
        items.sort(oldestFirst ? byId : byId.reversed());
        return new TaskPage(items, page, size, total);
    }

    private static void add(StringBuilder where, Map<String, Object> params, String column, Object value) {
        if (value != null) {
            where.append(" AND ").append(column).append(" = :").append(column);
            params.put(column, value);
        }
    }
}
