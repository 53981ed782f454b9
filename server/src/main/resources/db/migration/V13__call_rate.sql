-- The calls-per-second budgets now hold a campaign's as well as a trunk's (keys 'trunk:<pbx>/<trunk>' and
-- 'campaign:<id>'): one table of token buckets, refilled from the database's own clock.
RENAME TABLE trunk_rate TO call_rate;
ALTER TABLE call_rate CHANGE trunk_key budget_key VARCHAR(200) NOT NULL;
DELETE FROM call_rate;
