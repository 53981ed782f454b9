package org.serveline.server.recording;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.List;
import org.serveline.server.security.CurrentActor;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The supervisors' audit: the review queue, verdicts and their amendments. */
@RestController
class RecordingReviewController {

    private final RecordingReviews reviews;
    private final CurrentActor actor;
    private final Recordings recordings;

    RecordingReviewController(RecordingReviews reviews, CurrentActor actor, Recordings recordings) {
        this.reviews = reviews;
        this.recordings = recordings;
        this.actor = actor;
    }

    @GetMapping("/api/v1/recording-reviews/queue")
    List<Recording> queue(@RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
        SupervisorOnly.check();
        return reviews.queue(limit);
    }

    @PostMapping("/api/v1/recordings/{id}/reviews")
    ResponseEntity<RecordingReview> submit(@PathVariable String id, @Valid @RequestBody ReviewRequest request) {
        SupervisorOnly.check();
        RecordingReview review = reviews.submit(id, request, actor.name());
        return ResponseEntity.created(URI.create("/api/v1/recordings/" + id + "/reviews")).body(review);
    }

    @GetMapping("/api/v1/recordings/{id}/reviews")
    List<RecordingReview> versions(@PathVariable String id) {
        if (OwnCallsOnly.limited()) {
            OwnCallsOnly.check(recordings.get(id), actor.name());
        }
        return reviews.versions(id);
    }
}
