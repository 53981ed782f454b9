-- The calls-per-second budget of each trunk, shared by every server node: a token bucket refilled from the
-- database's own clock, so nodes with skewed clocks still share one rate.
CREATE TABLE trunk_rate (
    trunk_key   VARCHAR(200) NOT NULL PRIMARY KEY,
    tokens      DOUBLE       NOT NULL,
    refilled_at TIMESTAMP(6) NOT NULL
);
