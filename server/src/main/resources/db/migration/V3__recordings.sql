-- Call recordings: the server's metadata and links (the bytes live in the recordings store, content-addressed).

CREATE TABLE recording (
    id                  VARCHAR(36)  NOT NULL PRIMARY KEY,
    attempt_id          VARCHAR(40)  NOT NULL,
    task_id             BIGINT       NOT NULL,
    case_number         VARCHAR(64)  NOT NULL,
    operator            VARCHAR(100),
    outcome             VARCHAR(20),
    sha256              CHAR(64)     NOT NULL,
    copy_sha256         CHAR(64)     NOT NULL,
    size                BIGINT       NOT NULL,
    copy_size           BIGINT       NOT NULL,
    duration_ms         BIGINT       NOT NULL,
    sample_rate         INT          NOT NULL,
    channels            INT          NOT NULL,
    stored_at           TIMESTAMP(6) NOT NULL,
    consent_offset_ms   BIGINT,
    -- chosen once at ingest: a consent call, or one of the random sample, goes to the supervisors' review queue
    consent_call        BOOLEAN      NOT NULL,
    sampled             BOOLEAN      NOT NULL,
    audit_status        VARCHAR(20)  NOT NULL,
    legal_hold          BOOLEAN      NOT NULL DEFAULT FALSE,
    legal_hold_reason   VARCHAR(500),
    original_removed_at TIMESTAMP(6),
    copy_removed_at     TIMESTAMP(6),
    CONSTRAINT uk_recording_attempt UNIQUE (attempt_id),
    CONSTRAINT fk_recording_attempt FOREIGN KEY (attempt_id) REFERENCES call_attempt (id),
    CONSTRAINT fk_recording_task FOREIGN KEY (task_id) REFERENCES service_task (id),
    INDEX ix_recording_task (task_id),
    INDEX ix_recording_case (case_number),
    INDEX ix_recording_stored (stored_at),
    INDEX ix_recording_audit (audit_status, stored_at)
);

-- Supervisor verdicts: append-only, one row per version; an amendment is version n+1 and keeps the earlier ones.
CREATE TABLE recording_review (
    recording_id VARCHAR(36)  NOT NULL,
    version      INT          NOT NULL,
    verdict      VARCHAR(20)  NOT NULL,
    notes        TEXT,
    comments     TEXT         NOT NULL,
    reviewer     VARCHAR(100) NOT NULL,
    reviewed_at  TIMESTAMP(6) NOT NULL,
    PRIMARY KEY (recording_id, version),
    CONSTRAINT fk_review_recording FOREIGN KEY (recording_id) REFERENCES recording (id)
);
