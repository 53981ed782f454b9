-- A reason stated once to listen to a recording (ADR 0022): the console's <audio> element cannot send the
-- X-Access-Reason header, so the reason is posted first and the audio requests name this grant. It belongs to one
-- person, one recording and the Opus copy only, and expires; the first byte request served under it is the
-- RECORDING_ACCESSED audit event (first_served_at flips once, under the row lock), later Range requests are not.
CREATE TABLE recording_access_grant (
    id              CHAR(32)     NOT NULL PRIMARY KEY,
    recording_id    VARCHAR(36)  NOT NULL,
    actor           VARCHAR(100) NOT NULL,
    reason          VARCHAR(500) NOT NULL,
    created_at      TIMESTAMP(6) NOT NULL,
    expires_at      TIMESTAMP(6) NOT NULL,
    first_served_at TIMESTAMP(6) NULL,
    INDEX ix_access_grant_expiry (expires_at),
    CONSTRAINT fk_access_grant_recording FOREIGN KEY (recording_id) REFERENCES recording (id)
);
