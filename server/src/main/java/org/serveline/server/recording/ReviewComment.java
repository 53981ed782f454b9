package org.serveline.server.recording;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** A remark pinned to a moment of the recording ({@code offsetMs} from its start). */
public record ReviewComment(@NotNull @PositiveOrZero Long offsetMs, @NotBlank @Size(max = 1000) String text) {
}
