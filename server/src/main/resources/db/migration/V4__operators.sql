-- Operators with softphones: who is signed in with which SIP endpoint and the task each one works on; the queue of
-- tasks whose party asked the IVR for an operator; call-backs agreed by an operator.

CREATE TABLE operator_session (
    username        VARCHAR(100) NOT NULL PRIMARY KEY,
    endpoint        VARCHAR(100) NOT NULL,
    signed_in_at    TIMESTAMP(6) NOT NULL,
    current_task_id BIGINT,
    CONSTRAINT uk_operator_endpoint UNIQUE (endpoint),
    CONSTRAINT fk_operator_task FOREIGN KEY (current_task_id) REFERENCES service_task (id)
);

-- Tasks awaiting an operator (the party pressed 0 in the automated notice), served first by "take next".
CREATE TABLE operator_queue (
    task_id    BIGINT       NOT NULL PRIMARY KEY,
    attempt_id VARCHAR(40)  NOT NULL,
    queued_at  TIMESTAMP(6) NOT NULL,
    taken_by   VARCHAR(100),
    taken_at   TIMESTAMP(6),
    INDEX ix_operator_queue_waiting (taken_by, queued_at),
    CONSTRAINT fk_queue_task FOREIGN KEY (task_id) REFERENCES service_task (id)
);

-- "Call back at": kept so that the attempt's later settlement cannot override the time the party asked for.
CREATE TABLE operator_callback (
    attempt_id VARCHAR(40)  NOT NULL PRIMARY KEY,
    task_id    BIGINT       NOT NULL,
    call_at    TIMESTAMP(6) NOT NULL,
    set_by     VARCHAR(100) NOT NULL,
    set_at     TIMESTAMP(6) NOT NULL,
    CONSTRAINT fk_callback_task FOREIGN KEY (task_id) REFERENCES service_task (id)
);
