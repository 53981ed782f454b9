-- Serveline schema, version 1: courts, cases, parties, documents, service tasks, audit trail.
-- Times are UTC TIMESTAMP(6); the server runs the session in UTC.

CREATE TABLE court (
    id            VARCHAR(32)  NOT NULL PRIMARY KEY,
    name          VARCHAR(200) NOT NULL,
    time_zone     VARCHAR(64)  NOT NULL,
    channel_chain VARCHAR(200) NOT NULL,
    created_at    TIMESTAMP(6) NOT NULL
);

CREATE TABLE case_file (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    court_id    VARCHAR(32)  NOT NULL,
    case_number VARCHAR(64)  NOT NULL,
    cause       VARCHAR(200),
    created_at  TIMESTAMP(6) NOT NULL,
    CONSTRAINT uk_case_number UNIQUE (court_id, case_number),
    CONSTRAINT fk_case_court FOREIGN KEY (court_id) REFERENCES court (id)
);

CREATE TABLE document (
    id          CHAR(36)     NOT NULL PRIMARY KEY,
    sha256      CHAR(64)     NOT NULL,
    size_bytes  BIGINT       NOT NULL,
    media_type  VARCHAR(100) NOT NULL,
    file_name   VARCHAR(255) NOT NULL,
    uploaded_by VARCHAR(100) NOT NULL,
    uploaded_at TIMESTAMP(6) NOT NULL,
    INDEX ix_document_sha (sha256)
);

CREATE TABLE task_batch (
    id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    idempotency_key VARCHAR(100) NOT NULL,
    request_sha256  CHAR(64)     NOT NULL,
    created_by      VARCHAR(100) NOT NULL,
    created_at      TIMESTAMP(6) NOT NULL,
    CONSTRAINT uk_batch_key UNIQUE (idempotency_key)
);

CREATE TABLE service_task (
    id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    court_id        VARCHAR(32)  NOT NULL,
    case_id         BIGINT       NOT NULL,
    case_number     VARCHAR(64)  NOT NULL,
    batch_id        BIGINT,
    state           VARCHAR(20)  NOT NULL,
    channel_chain   VARCHAR(200) NOT NULL,
    priority        VARCHAR(10)  NOT NULL,
    deadline        DATE,
    hearing_date    DATE,
    return_reason   VARCHAR(500),
    cancel_reason   VARCHAR(500),
    party_role      VARCHAR(20)  NOT NULL,
    party_name      VARCHAR(200) NOT NULL,
    party_id_number VARCHAR(40),
    party_email     VARCHAR(254),
    party_address   VARCHAR(500),
    party_time_zone VARCHAR(64)  NOT NULL,
    created_by      VARCHAR(100) NOT NULL,
    created_at      TIMESTAMP(6) NOT NULL,
    updated_at      TIMESTAMP(6) NOT NULL,
    version         INT          NOT NULL,
    lease_owner     VARCHAR(100),
    lease_until     TIMESTAMP(6),
    INDEX ix_task_state (state, lease_until),
    INDEX ix_task_court (court_id, state),
    CONSTRAINT fk_task_case FOREIGN KEY (case_id) REFERENCES case_file (id),
    CONSTRAINT fk_task_batch FOREIGN KEY (batch_id) REFERENCES task_batch (id)
);

CREATE TABLE party_phone (
    service_task     BIGINT      NOT NULL,
    service_task_key INT         NOT NULL,
    e164             VARCHAR(20) NOT NULL,
    status           VARCHAR(20) NOT NULL,
    PRIMARY KEY (service_task, service_task_key),
    CONSTRAINT fk_phone_task FOREIGN KEY (service_task) REFERENCES service_task (id)
);

CREATE TABLE task_document (
    service_task     BIGINT   NOT NULL,
    service_task_key INT      NOT NULL,
    document_id      CHAR(36) NOT NULL,
    PRIMARY KEY (service_task, service_task_key),
    CONSTRAINT fk_taskdoc_task FOREIGN KEY (service_task) REFERENCES service_task (id),
    CONSTRAINT fk_taskdoc_doc FOREIGN KEY (document_id) REFERENCES document (id)
);

-- Append-only, hash-chained audit trail. One chain per task (chain_key 'task:<id>') or per other
-- subject ('document', 'system'), so nodes never serialize on one row; audit_chain_head is the lock.
CREATE TABLE audit_chain_head (
    chain_key VARCHAR(64) NOT NULL PRIMARY KEY,
    last_seq  BIGINT      NOT NULL,
    last_hash CHAR(64)    NOT NULL
);

CREATE TABLE audit_event (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    chain_key   VARCHAR(64)  NOT NULL,
    seq         BIGINT       NOT NULL,
    occurred_at TIMESTAMP(6) NOT NULL,
    actor       VARCHAR(100) NOT NULL,
    action      VARCHAR(64)  NOT NULL,
    subject     VARCHAR(100) NOT NULL,
    before_state VARCHAR(40),
    after_state  VARCHAR(40),
    details     TEXT         NOT NULL,
    prev_hash   CHAR(64)     NOT NULL,
    hash        CHAR(64)     NOT NULL,
    CONSTRAINT uk_audit_chain_seq UNIQUE (chain_key, seq),
    INDEX ix_audit_subject (subject)
);

-- Periodic anchor of every chain head into one global record.
CREATE TABLE audit_anchor (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    anchored_at TIMESTAMP(6) NOT NULL,
    chain_count BIGINT       NOT NULL,
    heads_hash  CHAR(64)     NOT NULL,
    prev_hash   CHAR(64)     NOT NULL,
    hash        CHAR(64)     NOT NULL
);

-- The append-only promise, kept by the database too.
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_event is append-only';
CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_event is append-only';
