-- In-person service (直接送达 / 留置送达): one field assignment per time a task enters IN_PERSON, the files the agent
-- uploads (photos, videos: content-addressed, hashed, with their EXIF time and GPS), and the outcome the agent
-- reports (kept with the key it was sent with, so a repeated outcome answers the same and writes nothing).
CREATE TABLE field_assignment (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    task_id         BIGINT        NOT NULL,
    court_id        VARCHAR(32)   NOT NULL,
    case_number     VARCHAR(100)  NOT NULL,
    party_name      VARCHAR(200)  NOT NULL,
    address         VARCHAR(500),
    documents       VARCHAR(2000) NOT NULL,
    agent           VARCHAR(100),
    assigned_by     VARCHAR(100),
    assigned_at     TIMESTAMP(6),
    outcome         VARCHAR(30),
    outcome_key     VARCHAR(200),
    outcome_at      TIMESTAMP(6),
    outcome_details TEXT,
    created_at      TIMESTAMP(6)  NOT NULL,
    INDEX ix_field_assignment_agent (agent, outcome),
    INDEX ix_field_assignment_task (task_id),
    CONSTRAINT fk_field_assignment_task FOREIGN KEY (task_id) REFERENCES service_task (id)
);

CREATE TABLE field_upload (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    assignment_id  BIGINT       NOT NULL,
    sha256         CHAR(64)     NOT NULL,
    size_bytes     BIGINT       NOT NULL,
    media_type     VARCHAR(100) NOT NULL,
    file_name      VARCHAR(255) NOT NULL,
    taken_at_local VARCHAR(40),
    latitude       DOUBLE,
    longitude      DOUBLE,
    uploaded_by    VARCHAR(100) NOT NULL,
    uploaded_at    TIMESTAMP(6) NOT NULL,
    CONSTRAINT uk_field_upload UNIQUE (assignment_id, sha256),
    CONSTRAINT fk_field_upload_assignment FOREIGN KEY (assignment_id) REFERENCES field_assignment (id)
);

-- Contact lookup: the contacts a court knows from its earlier cases (imported as CSV), every query asked of a
-- provider (who, why, for which case, what came back), and every address found.
CREATE TABLE court_contact (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    court_id    VARCHAR(32)  NOT NULL,
    party_name  VARCHAR(200) NOT NULL,
    id_number   VARCHAR(40),
    phone       VARCHAR(20),
    address     VARCHAR(500),
    source_case VARCHAR(100),
    row_hash    CHAR(64)     NOT NULL,
    imported_by VARCHAR(100) NOT NULL,
    imported_at TIMESTAMP(6) NOT NULL,
    CONSTRAINT uk_court_contact UNIQUE (row_hash),
    INDEX ix_court_contact_name (court_id, party_name),
    INDEX ix_court_contact_id_number (id_number)
);

CREATE TABLE contact_lookup_query (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    provider        VARCHAR(100) NOT NULL,
    status          VARCHAR(20)  NOT NULL,
    purpose         VARCHAR(200) NOT NULL,
    task_id         BIGINT       NOT NULL,
    court_id        VARCHAR(32)  NOT NULL,
    case_number     VARCHAR(100) NOT NULL,
    asked_by        VARCHAR(100) NOT NULL,
    asked_at        TIMESTAMP(6) NOT NULL,
    numbers_found   VARCHAR(1000),
    numbers_invalid VARCHAR(1000),
    addresses_found TEXT,
    error           VARCHAR(500),
    INDEX ix_lookup_query_provider (provider, status, asked_at),
    INDEX ix_lookup_query_task (task_id),
    CONSTRAINT fk_lookup_query_task FOREIGN KEY (task_id) REFERENCES service_task (id)
);

CREATE TABLE contact_address_found (
    id        BIGINT AUTO_INCREMENT PRIMARY KEY,
    query_id  BIGINT       NOT NULL,
    task_id   BIGINT       NOT NULL,
    address   VARCHAR(500) NOT NULL,
    source    VARCHAR(200) NOT NULL,
    found_at  TIMESTAMP(6) NOT NULL,
    INDEX ix_address_found_task (task_id),
    CONSTRAINT fk_address_found_query FOREIGN KEY (query_id) REFERENCES contact_lookup_query (id)
);
