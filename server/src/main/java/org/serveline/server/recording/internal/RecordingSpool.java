package org.serveline.server.recording.internal;

import java.nio.file.Path;

/** The PBX monitor spool this node ingests from, as resolved at start-up. */
record RecordingSpool(Path dir) {
}
