-- issue 12: an attempt ends when its call's last channel hangs up. The party's answer (answered_at) is kept apart
-- from the operator's (operator calls ring the operator's phone first; their recording starts then), and the
-- Q.850 cause of the party's leg is kept as evidence.
ALTER TABLE call_attempt
    ADD COLUMN operator_answered_at TIMESTAMP(6) NULL AFTER answered_at,
    ADD COLUMN hangup_cause SMALLINT NULL AFTER ended_at;
