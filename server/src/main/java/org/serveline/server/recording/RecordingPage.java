package org.serveline.server.recording;

import java.util.List;

/** One page of recordings, newest first. */
public record RecordingPage(List<Recording> items, int page, int size, long total) {
}
