-- The people who sign in (passwords hashed, never stored as sent), the failed sign-ins counted per name tried
-- (whether or not such a person exists, so a lock never tells who does), and the API tokens machines hold
-- (only the SHA-256 of each token is kept: the secret is shown once, ADR 0019).
CREATE TABLE staff_user (
    name                VARCHAR(100) NOT NULL PRIMARY KEY,
    password_hash       VARCHAR(200) NOT NULL,
    roles               VARCHAR(200) NOT NULL,
    enabled             BOOLEAN      NOT NULL DEFAULT TRUE,
    created_by          VARCHAR(100) NOT NULL,
    created_at          TIMESTAMP(6) NOT NULL,
    password_changed_at TIMESTAMP(6) NOT NULL
);

CREATE TABLE sign_in_failure (
    name            VARCHAR(100) NOT NULL PRIMARY KEY,
    failures        INT          NOT NULL,
    last_failure_at TIMESTAMP(6) NOT NULL,
    locked_until    TIMESTAMP(6) NULL
);

CREATE TABLE api_token (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    name         VARCHAR(100) NOT NULL,
    token_sha256 CHAR(64)     NOT NULL,
    roles        VARCHAR(200) NOT NULL,
    created_by   VARCHAR(100) NOT NULL,
    created_at   TIMESTAMP(6) NOT NULL,
    last_used_at TIMESTAMP(6) NULL,
    revoked_at   TIMESTAMP(6) NULL,
    revoked_by   VARCHAR(100) NULL,
    CONSTRAINT uk_api_token_sha256 UNIQUE (token_sha256)
);
