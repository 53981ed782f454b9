-- Receipts (送达回证): one per served task, issued once. The PDF lives content-addressed on disk under
-- serveline.receipts.root; this row and the task's RECEIPT_ISSUED audit event both hold its SHA-256.

CREATE TABLE receipt (
    task_id           BIGINT       NOT NULL PRIMARY KEY,
    verification_code CHAR(12)     NOT NULL,
    sha256            CHAR(64)     NOT NULL,
    size_bytes        BIGINT       NOT NULL,
    court_id          VARCHAR(32)  NOT NULL,
    case_number       VARCHAR(64)  NOT NULL,
    channel           VARCHAR(20)  NOT NULL,
    service_date      TIMESTAMP(6) NOT NULL,
    issued_at         TIMESTAMP(6) NOT NULL,
    CONSTRAINT uk_receipt_code UNIQUE (verification_code),
    CONSTRAINT fk_receipt_task FOREIGN KEY (task_id) REFERENCES service_task (id)
);

-- statistics and exports filter tasks by court and submission time
CREATE INDEX ix_task_created ON service_task (created_at, court_id);

-- the attempts export filters attempts by when they were made
CREATE INDEX ix_attempt_created ON call_attempt (created_at);
