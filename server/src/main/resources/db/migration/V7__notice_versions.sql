-- Issue 12: the notice's evidence named for what it is, the wording of every notice version kept, and an
-- optional hearing time on tasks.

-- The hearing's time of day, when the court has set one (a judgment or a ruling has no hearing at all).
ALTER TABLE service_task ADD COLUMN hearing_time TIME NULL;

-- consent_offset_ms was filled for refusals, hang-ups and unanswered notices too. It is split by what it is:
--   decision_offset_ms      the key that answered the question (1, 2, 0) or the operator's mark
--   hangup_offset_ms        the party hung up during the notice
--   notice_ended_offset_ms  when the automated notice ended, whatever its result
--   question_offset_ms      when the consent question last started before the result
--   notice_played           what was played before the result: "segment@start+played[!key]" items, space-separated
-- Every value is kept: moved to the column that names it, none dropped.
ALTER TABLE call_attempt
    CHANGE COLUMN consent_offset_ms decision_offset_ms BIGINT NULL,
    ADD COLUMN hangup_offset_ms       BIGINT NULL,
    ADD COLUMN notice_ended_offset_ms BIGINT NULL,
    ADD COLUMN question_offset_ms     BIGINT NULL,
    ADD COLUMN notice_played          VARCHAR(2000) NULL;

UPDATE call_attempt SET notice_ended_offset_ms = decision_offset_ms
 WHERE decision_offset_ms IS NOT NULL AND (script_version IS NULL OR script_version NOT LIKE 'operator-%');
UPDATE call_attempt SET hangup_offset_ms = decision_offset_ms, decision_offset_ms = NULL
 WHERE notice_result = 'HUNG_UP_EARLY';
UPDATE call_attempt SET decision_offset_ms = NULL
 WHERE notice_result IN ('NO_RESPONSE', 'FAILED') AND notice_ended_offset_ms IS NOT NULL;

-- Every wording a party may have heard, by the version stored on the attempt (call_attempt.script_version):
-- the segments' texts in the order played, the voice, the court. Append-only, like the audit trail.
CREATE TABLE notice_script (
    script_version   VARCHAR(120) NOT NULL PRIMARY KEY,
    template_version VARCHAR(80)  NOT NULL,
    content_hash     CHAR(64)     NOT NULL,
    court_id         VARCHAR(32),
    voice            VARCHAR(80)  NOT NULL,
    wording          TEXT         NOT NULL,
    created_at       TIMESTAMP(6) NOT NULL
);

CREATE TRIGGER notice_script_no_update BEFORE UPDATE ON notice_script FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'notice_script is append-only';
CREATE TRIGGER notice_script_no_delete BEFORE DELETE ON notice_script FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'notice_script is append-only';
