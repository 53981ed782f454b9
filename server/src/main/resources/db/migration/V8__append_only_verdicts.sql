-- Evidence the database itself keeps: verdicts and anchors are append-only like audit_event (V1), every anchor
-- records the chain heads it folded, and a call's second recording (the consent step) is linked to its attempt.

-- Supervisor verdicts: an amendment is a new version (RecordingReviews); no row is ever changed or removed.
CREATE TRIGGER recording_review_no_update BEFORE UPDATE ON recording_review FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'recording_review is append-only';
CREATE TRIGGER recording_review_no_delete BEFORE DELETE ON recording_review FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'recording_review is append-only';

-- The heads an anchor folded, for each chain whose head changed since the previous anchor (a chain that did not
-- move is not repeated): a chain's anchored head is its row of the highest anchor_id. The anchor's heads_hash
-- covers the full list, so these rows are checked against it.
CREATE TABLE audit_anchor_head (
    anchor_id BIGINT      NOT NULL,
    chain_key VARCHAR(64) NOT NULL,
    seq       BIGINT      NOT NULL,
    hash      CHAR(64)    NOT NULL,
    PRIMARY KEY (anchor_id, chain_key),
    INDEX ix_anchor_head_chain (chain_key, anchor_id),
    CONSTRAINT fk_anchor_head_anchor FOREIGN KEY (anchor_id) REFERENCES audit_anchor (id)
);

CREATE TRIGGER audit_anchor_no_update BEFORE UPDATE ON audit_anchor FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_anchor is append-only';
CREATE TRIGGER audit_anchor_no_delete BEFORE DELETE ON audit_anchor FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_anchor is append-only';
CREATE TRIGGER audit_anchor_head_no_update BEFORE UPDATE ON audit_anchor_head FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_anchor_head is append-only';
CREATE TRIGGER audit_anchor_head_no_delete BEFORE DELETE ON audit_anchor_head FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_anchor_head is append-only';

-- A call has up to two recordings: part 1 is the call (<attempt>.wav), part 2 the keypad consent step an operator
-- handed the party to (<attempt>-consent.wav). store_key is the name the recordings store keeps it under.
ALTER TABLE recording ADD COLUMN part INT NOT NULL DEFAULT 1, ADD COLUMN store_key VARCHAR(140) NULL;
UPDATE recording SET store_key = attempt_id;
ALTER TABLE recording MODIFY store_key VARCHAR(140) NOT NULL,
    ADD CONSTRAINT uk_recording_attempt_part UNIQUE (attempt_id, part),
    ADD CONSTRAINT uk_recording_store_key UNIQUE (store_key);
ALTER TABLE recording DROP INDEX uk_recording_attempt;
