package org.serveline.server.statistics;

import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Service statistics and the CSV exports (supervisors, reviewers, admins). The parameters are checked before any
 * byte is streamed, so bad input always gets a 400 problem.
 */
@RestController
class StatisticsController {

    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final StatisticsQueries queries;
    private final Statistics statistics;
    private final CsvExports exports;

    StatisticsController(StatisticsQueries queries, Statistics statistics, CsvExports exports) {
        this.queries = queries;
        this.statistics = statistics;
        this.exports = exports;
    }

    @GetMapping("/api/v1/statistics")
    StatisticsReport statistics(@RequestParam(required = false) String court,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String bucket) {
        return statistics.report(queries.parse(court, from, to, bucket));
    }

    @GetMapping("/api/v1/exports/tasks.csv")
    ResponseEntity<StreamingResponseBody> tasks(@RequestParam(required = false) String court,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        StatisticsQuery query = queries.parse(court, from, to, null);
        return csv("tasks-" + query.from() + "-" + query.to() + ".csv", out -> exports.tasks(query, out));
    }

    @GetMapping("/api/v1/exports/attempts.csv")
    ResponseEntity<StreamingResponseBody> attempts(@RequestParam(required = false) String court,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        StatisticsQuery query = queries.parse(court, from, to, null);
        return csv("attempts-" + query.from() + "-" + query.to() + ".csv", out -> exports.attempts(query, out));
    }

    private static ResponseEntity<StreamingResponseBody> csv(String name, StreamingResponseBody body) {
        return ResponseEntity.ok().contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .body(body);
    }
}
