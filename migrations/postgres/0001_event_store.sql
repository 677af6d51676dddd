-- The per-tenant event store. Every table is keyed by tenant_id first so that the schema can be
-- distributed by tenant (Citus) when one PostgreSQL is outgrown.

-- The log: append-only and hash-chained. The last event of a tenant is its head: the next event
-- takes the next position and chains to its hash. Command ids are indexed for idempotent appends.
CREATE TABLE events (
    tenant_id      uuid        NOT NULL,
    position       bigint      NOT NULL CHECK (position > 0),
    event_id       uuid        NOT NULL,
    stream_id      text        NOT NULL,
    stream_version bigint      NOT NULL CHECK (stream_version > 0),
    event_type     text        NOT NULL,
    schema_version integer     NOT NULL CHECK (schema_version > 0),
    actor          text        NOT NULL,
    command_id     uuid        NOT NULL,
    causation_id   uuid,
    correlation_id uuid        NOT NULL,
    recorded_at    timestamptz NOT NULL,
    payload        text        NOT NULL,
    hash           text        NOT NULL CHECK (char_length(hash) = 64),
    PRIMARY KEY (tenant_id, position),
    UNIQUE (tenant_id, stream_id, stream_version)
);
CREATE INDEX events_by_command ON events (tenant_id, command_id);

-- History is never rewritten: the database itself refuses to change or remove an event, whoever
-- asks.
CREATE FUNCTION civic_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'civic: % on % is not allowed: the log is append-only', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
END
$$;

CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION civic_refuse_change();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION civic_refuse_change();

-- Appends need no function and no lock: an append inserts at the head position + 1, and the
-- primary key refuses a second event at a position. See services/eventstore/src/postgres.rs.
