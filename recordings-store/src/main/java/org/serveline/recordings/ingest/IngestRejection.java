package org.serveline.recordings.ingest;

/** Thrown inside the pipeline when the input is bad; becomes an {@link IngestResult.Rejected}. */
final class IngestRejection extends RuntimeException {

    private final RejectReason reason;

    IngestRejection(RejectReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    RejectReason reason() {
        return reason;
    }
}
