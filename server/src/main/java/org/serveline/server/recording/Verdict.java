package org.serveline.server.recording;

/** A supervisor's finding on a recording. */
public enum Verdict {
    OK, FLAGGED;

    AuditStatus auditStatus() {
        return this == OK ? AuditStatus.OK : AuditStatus.FLAGGED;
    }
}
