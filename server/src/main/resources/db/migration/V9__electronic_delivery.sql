-- Electronic service: the outbox of messages to parties (SMS, e-mail), their SMS segments and the SMSC's delivery
-- receipts, and the document portal's links.

-- One row per message to a party, written in the transaction that moved the task to ELECTRONIC and sent after
-- commit by whichever node claims it (lease_owner/lease_until, FOR UPDATE SKIP LOCKED). The body carries the
-- portal code in clear only until the gateway has accepted it; body_sha256 stays as evidence.
CREATE TABLE delivery_outbox (
    id              BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    task_id         BIGINT        NOT NULL,
    channel         VARCHAR(10)   NOT NULL,
    kind            VARCHAR(10)   NOT NULL,
    address         VARCHAR(254)  NOT NULL,
    subject         VARCHAR(200),
    body            TEXT,
    body_sha256     CHAR(64)      NOT NULL,
    state           VARCHAR(12)   NOT NULL,
    attempts        INT           NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP(6)  NOT NULL,
    lease_owner     VARCHAR(100),
    lease_until     TIMESTAMP(6),
    last_error      VARCHAR(500),
    gateway_reply   VARCHAR(1000),
    created_at      TIMESTAMP(6)  NOT NULL,
    sent_at         TIMESTAMP(6),
    settled_at      TIMESTAMP(6),
    INDEX ix_outbox_due (state, channel, next_attempt_at),
    INDEX ix_outbox_task (task_id),
    CONSTRAINT fk_outbox_task FOREIGN KEY (task_id) REFERENCES service_task (id)
);

-- Each segment of an SMS the SMSC accepted, with the id it gave: a resend after a lost connection sends only
-- the segments that have no row here.
CREATE TABLE sms_segment (
    outbox_id       BIGINT       NOT NULL,
    seq             INT          NOT NULL,
    smsc_message_id VARCHAR(65)  NOT NULL,
    submitted_at    TIMESTAMP(6) NOT NULL,
    PRIMARY KEY (outbox_id, seq),
    CONSTRAINT uk_segment_smsc_id UNIQUE (smsc_message_id),
    CONSTRAINT fk_segment_outbox FOREIGN KEY (outbox_id) REFERENCES delivery_outbox (id)
);

-- The SMSC's deliver_sm receipts as received (they may arrive before the segment row is written).
CREATE TABLE sms_receipt (
    smsc_message_id VARCHAR(65)  NOT NULL PRIMARY KEY,
    stat            VARCHAR(10)  NOT NULL,
    done_at         TIMESTAMP(6),
    error_code      VARCHAR(10),
    receipt_text    VARCHAR(500) NOT NULL,
    received_at     TIMESTAMP(6) NOT NULL
);

-- The party's link to the document portal: the 6-digit code is kept only as an HMAC keyed by the token.
CREATE TABLE portal_link (
    token           VARCHAR(32)  NOT NULL PRIMARY KEY,
    task_id         BIGINT       NOT NULL,
    code_hash       CHAR(64)     NOT NULL,
    failed_tries    INT          NOT NULL DEFAULT 0,
    locked_at       TIMESTAMP(6),
    revoked_at      TIMESTAMP(6),
    expires_at      TIMESTAMP(6) NOT NULL,
    first_opened_at TIMESTAMP(6),
    created_at      TIMESTAMP(6) NOT NULL,
    INDEX ix_portal_task (task_id),
    CONSTRAINT fk_portal_task FOREIGN KEY (task_id) REFERENCES service_task (id)
);
