-- The postal channel (法院专递) and public notice (公告送达).

-- One mailing per task that entered POSTAL, written in the transaction that moved the task. The row is also
-- the outbox of the carrier booking and of the tracking polls: a node claims due rows with FOR UPDATE SKIP
-- LOCKED and a lease, calls the carrier after commit, and writes the answer (or the next retry time).
CREATE TABLE postal_mailing (
    id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    task_id         BIGINT       NOT NULL,
    court_id        VARCHAR(32)  NOT NULL,
    recipient       VARCHAR(200) NOT NULL,
    address         VARCHAR(500),
    tracking_number CHAR(13),
    status          VARCHAR(20)  NOT NULL,
    signer          VARCHAR(200),
    signer_relation VARCHAR(30),
    signed_at       TIMESTAMP(6),
    return_reason   VARCHAR(30),
    returned_at     TIMESTAMP(6),
    next_check_at   TIMESTAMP(6),
    failures        INT          NOT NULL DEFAULT 0,
    last_error      VARCHAR(500),
    lease_owner     VARCHAR(100),
    lease_until     TIMESTAMP(6),
    created_at      TIMESTAMP(6) NOT NULL,
    updated_at      TIMESTAMP(6) NOT NULL,
    CONSTRAINT uk_mailing_task UNIQUE (task_id),
    CONSTRAINT uk_mailing_tracking UNIQUE (tracking_number),
    CONSTRAINT fk_mailing_task FOREIGN KEY (task_id) REFERENCES service_task (id),
    INDEX ix_mailing_due (status, next_check_at)
);

-- Every tracking event the carrier reported, once (by the carrier's event id), from a poll or a webhook.
CREATE TABLE postal_tracking_event (
    mailing_id      BIGINT       NOT NULL,
    event_id        VARCHAR(100) NOT NULL,
    status          VARCHAR(20)  NOT NULL,
    occurred_at     TIMESTAMP(6) NOT NULL,
    location        VARCHAR(200),
    source          VARCHAR(10)  NOT NULL,
    recorded_at     TIMESTAMP(6) NOT NULL,
    PRIMARY KEY (mailing_id, event_id),
    CONSTRAINT fk_tracking_mailing FOREIGN KEY (mailing_id) REFERENCES postal_mailing (id)
);

-- Webhook deliveries seen (the carrier's delivery id is a nonce): a second delivery with the same id is a replay.
CREATE TABLE postal_webhook_delivery (
    delivery_id VARCHAR(100) NOT NULL PRIMARY KEY,
    sent_at     TIMESTAMP(6) NOT NULL,
    received_at TIMESTAMP(6) NOT NULL
);

-- A period set by staff for one task (e.g. 60 days for a party abroad), before the notice is published.
CREATE TABLE public_notice_period (
    task_id BIGINT       NOT NULL PRIMARY KEY,
    period  VARCHAR(32)  NOT NULL,
    reason  VARCHAR(500) NOT NULL,
    set_by  VARCHAR(100) NOT NULL,
    set_at  TIMESTAMP(6) NOT NULL,
    CONSTRAINT fk_notice_period_task FOREIGN KEY (task_id) REFERENCES service_task (id)
);

-- One notice per task that entered PUBLIC_NOTICE, published in the transaction that moved the task.
CREATE TABLE public_notice (
    id           BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    task_id      BIGINT       NOT NULL,
    court_id     VARCHAR(32)  NOT NULL,
    court_name   VARCHAR(200) NOT NULL,
    case_number  VARCHAR(64)  NOT NULL,
    party_name   VARCHAR(200) NOT NULL,
    title        VARCHAR(200) NOT NULL,
    body         TEXT         NOT NULL,
    period       VARCHAR(32)  NOT NULL,
    time_zone    VARCHAR(64)  NOT NULL,
    published_at TIMESTAMP(6) NOT NULL,
    elapses_at   TIMESTAMP(6) NOT NULL,
    service_day  DATE         NOT NULL,
    status       VARCHAR(20)  NOT NULL,
    elapsed_at   TIMESTAMP(6),
    CONSTRAINT uk_notice_task UNIQUE (task_id),
    CONSTRAINT fk_notice_task FOREIGN KEY (task_id) REFERENCES service_task (id),
    INDEX ix_notice_due (status, elapses_at),
    INDEX ix_notice_published (published_at)
);

-- Outbox of the outside bulletin (NoticePublisher): written with the notice, sent after commit, with retries.
CREATE TABLE public_notice_outbox (
    notice_id     BIGINT       NOT NULL PRIMARY KEY,
    status        VARCHAR(20)  NOT NULL,
    attempts      INT          NOT NULL DEFAULT 0,
    next_try_at   TIMESTAMP(6) NOT NULL,
    last_error    VARCHAR(500),
    sent_at       TIMESTAMP(6),
    reference     VARCHAR(200),
    lease_owner   VARCHAR(100),
    lease_until   TIMESTAMP(6),
    CONSTRAINT fk_outbox_notice FOREIGN KEY (notice_id) REFERENCES public_notice (id),
    INDEX ix_outbox_due (status, next_try_at)
);
