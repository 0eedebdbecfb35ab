-- The room catalog: one row per room ever opened. Plain SQL that H2 (the embedded default) and
-- PostgreSQL both accept, so every deployment runs the same migrations.
CREATE TABLE room (
    id             VARCHAR(512)             NOT NULL PRIMARY KEY,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    last_active_at TIMESTAMP WITH TIME ZONE NOT NULL,
    active         BOOLEAN                  NOT NULL,
    document_bytes BIGINT                   NOT NULL DEFAULT 0,
    node           VARCHAR(255)
);

CREATE INDEX room_last_active ON room (last_active_at);
