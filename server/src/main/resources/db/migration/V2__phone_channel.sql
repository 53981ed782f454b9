-- The phone channel: campaigns, durable call attempts, the do-not-call list.

ALTER TABLE service_task
    ADD COLUMN next_call_at       TIMESTAMP(6) NULL,
    ADD COLUMN electronic_address VARCHAR(254) NULL,
    ADD COLUMN contact_lookup_at  TIMESTAMP(6) NULL,
    ADD INDEX ix_task_due (state, next_call_at);

CREATE TABLE campaign (
    id         BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name       VARCHAR(100) NOT NULL,
    court_id   VARCHAR(32),
    case_type  VARCHAR(20),
    state      VARCHAR(20)  NOT NULL,
    limits     TEXT         NOT NULL,
    created_by VARCHAR(100) NOT NULL,
    created_at TIMESTAMP(6) NOT NULL,
    updated_at TIMESTAMP(6) NOT NULL,
    CONSTRAINT uk_campaign_name UNIQUE (name)
);

-- One row per dial, written (state DIALING) and committed before the Originate leaves the server.
CREATE TABLE call_attempt (
    id               VARCHAR(40)  NOT NULL PRIMARY KEY,
    task_id          BIGINT       NOT NULL,
    campaign_id      BIGINT,
    operator         VARCHAR(100),
    pbx_id           VARCHAR(40)  NOT NULL,
    trunk            VARCHAR(40)  NOT NULL,
    number_e164      VARCHAR(20)  NOT NULL,
    node             VARCHAR(100) NOT NULL,
    state            VARCHAR(20)  NOT NULL,
    network_outcome  VARCHAR(20),
    outcome          VARCHAR(20),
    outcome_evidence VARCHAR(500),
    notice_result    VARCHAR(30),
    consent_digit    CHAR(1),
    consent_offset_ms BIGINT,
    script_version   VARCHAR(120),
    mobile_number    VARCHAR(20),
    created_at       TIMESTAMP(6) NOT NULL,
    answered_at      TIMESTAMP(6),
    ended_at         TIMESTAMP(6),
    settled_by       VARCHAR(20),
    INDEX ix_attempt_task (task_id, created_at),
    INDEX ix_attempt_live (state, pbx_id, trunk),
    INDEX ix_attempt_node (node, state),
    INDEX ix_attempt_campaign (campaign_id, outcome),
    CONSTRAINT fk_attempt_task FOREIGN KEY (task_id) REFERENCES service_task (id),
    CONSTRAINT fk_attempt_campaign FOREIGN KEY (campaign_id) REFERENCES campaign (id)
);

CREATE TABLE do_not_call (
    number_e164 VARCHAR(20)  NOT NULL PRIMARY KEY,
    reason      VARCHAR(200) NOT NULL,
    added_by    VARCHAR(100) NOT NULL,
    added_at    TIMESTAMP(6) NOT NULL
);
