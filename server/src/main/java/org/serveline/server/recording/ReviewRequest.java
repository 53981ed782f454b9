package org.serveline.server.recording;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A verdict as a supervisor submits it. */
public record ReviewRequest(@NotNull Verdict verdict, @Size(max = 4000) String notes,
        @Size(max = 200) List<@Valid @NotNull ReviewComment> comments) {

    public ReviewRequest {
        comments = comments == null ? List.of() : comments;
    }
}
