-- The per-tenant event store, embedded edition. Same table and keys as PostgreSQL (tenant_id
-- first); ids are stored as lower-case hyphenated text and times as the RFC 3339 text that is
-- hashed. Appends run in BEGIN IMMEDIATE transactions, which serialise writers, so the last
-- event of a tenant read inside one is its head.

CREATE TABLE events (
    tenant_id      TEXT    NOT NULL,
    position       INTEGER NOT NULL CHECK (position > 0),
    event_id       TEXT    NOT NULL,
    stream_id      TEXT    NOT NULL,
    stream_version INTEGER NOT NULL CHECK (stream_version > 0),
    event_type     TEXT    NOT NULL,
    schema_version INTEGER NOT NULL CHECK (schema_version > 0),
    actor          TEXT    NOT NULL,
    command_id     TEXT    NOT NULL,
    causation_id   TEXT,
    correlation_id TEXT    NOT NULL,
    recorded_at    TEXT    NOT NULL,
    payload        TEXT    NOT NULL,
    hash           TEXT    NOT NULL CHECK (length(hash) = 64),
    PRIMARY KEY (tenant_id, position),
    UNIQUE (tenant_id, stream_id, stream_version)
) STRICT, WITHOUT ROWID;
CREATE INDEX events_by_command ON events (tenant_id, command_id);

-- History is never rewritten: the database itself refuses to change or remove an event.
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'civic: UPDATE on events is not allowed: the log is append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'civic: DELETE on events is not allowed: the log is append-only'); END;
