package org.serveline.server.statistics;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.serveline.server.statistics.internal.FactRows;
import org.serveline.server.statistics.internal.FiguresBuilder;
import org.springframework.stereotype.Service;

/** The service figures of a court (or all) over a range of days, counted in one pass over the tasks. */
@Service
public class Statistics {

    private final FactRows rows;

    Statistics(FactRows rows) {
        this.rows = rows;
    }

    public StatisticsReport report(StatisticsQuery query) {
        FiguresBuilder total = new FiguresBuilder();
        Map<String, FiguresBuilder> courts = new TreeMap<>();
        Map<LocalDate, FiguresBuilder> buckets = new LinkedHashMap<>();
        query.bucketStarts().forEach(start -> buckets.put(start, new FiguresBuilder()));
        rows.tasks(query.court(), query.fromInstant(), query.untilInstant(), task -> {
            total.add(task);
            courts.computeIfAbsent(task.court(), c -> new FiguresBuilder()).add(task);
            LocalDate day = task.submittedAt().atZone(query.zone()).toLocalDate();
            buckets.computeIfAbsent(query.bucket().start(day), d -> new FiguresBuilder()).add(task);
        });
        return new StatisticsReport(query.court(), query.from(), query.to(), query.zone(),
                query.bucket().name().toLowerCase(Locale.ROOT), total.build(),
                courts.entrySet().stream().map(e -> new StatisticsReport.CourtFigures(e.getKey(), e.getValue().build()))
                        .toList(),
                buckets.entrySet().stream().map(e -> new StatisticsReport.BucketFigures(e.getKey(),
                        e.getValue().build())).toList());
    }
}
