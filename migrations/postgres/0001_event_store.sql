-- The per-tenant event store. Every table is keyed by tenant_id first so that the schema can be
-- distributed by tenant (Citus) when one PostgreSQL is outgrown.

-- The last event of each tenant's log. Appends move it forward with a compare-and-set, which
-- serialises the appends of one tenant and makes positions gapless and commit in order.
CREATE TABLE event_heads (
    tenant_id uuid   NOT NULL,
    position  bigint NOT NULL CHECK (position > 0),
    hash      text   NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
    PRIMARY KEY (tenant_id)
);

-- The log itself: append-only, hash-chained.
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
    hash           text        NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
    PRIMARY KEY (tenant_id, position),
    UNIQUE (tenant_id, stream_id, stream_version),
    UNIQUE (tenant_id, event_id)
);

-- Committed commands, for idempotent appends: a replayed command id returns this row.
CREATE TABLE commands (
    tenant_id      uuid   NOT NULL,
    command_id     uuid   NOT NULL,
    stream_id      text   NOT NULL,
    first_position bigint NOT NULL,
    last_position  bigint NOT NULL,
    stream_version bigint NOT NULL,
    PRIMARY KEY (tenant_id, command_id)
);

-- History is never rewritten: the database itself refuses to change or remove an event or a
-- command record, whoever asks.
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
CREATE TRIGGER commands_append_only BEFORE UPDATE OR DELETE ON commands
    FOR EACH ROW EXECUTE FUNCTION civic_refuse_change();
CREATE TRIGGER commands_no_truncate BEFORE TRUNCATE ON commands
    FOR EACH STATEMENT EXECUTE FUNCTION civic_refuse_change();

-- Appends one command's events in a single round trip. The caller has computed positions and
-- hashes from the head it believes current (`p_previous_position`); this function checks that
-- belief and the stream's version, and either writes everything or raises:
--   23505 on commands_pkey: the command id was already committed (idempotent replay);
--   CV001: the tenant's head moved (another append won): re-read the head and retry;
--   CV002: the stream is not at p_expected_version: a concurrency conflict.
CREATE FUNCTION civic_append(
    p_tenant            uuid,
    p_previous_position bigint,
    p_stream            text,
    p_expected_version  bigint,
    p_command           uuid,
    p_actor             text,
    p_causation         uuid,
    p_correlation       uuid,
    p_recorded_at       timestamptz,
    p_event_ids         uuid[],
    p_event_types       text[],
    p_schema_versions   integer[],
    p_payloads          text[],
    p_hashes            text[]
) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    n              bigint := cardinality(p_event_ids);
    actual_version bigint;
BEGIN
    -- First, so that a concurrent duplicate waits here and then fails cleanly.
    INSERT INTO commands (tenant_id, command_id, stream_id, first_position, last_position, stream_version)
    VALUES (p_tenant, p_command, p_stream, p_previous_position + 1, p_previous_position + n,
            p_expected_version + n);

    -- Compare-and-set on the head; holding its row lock until commit orders this tenant's appends.
    IF p_previous_position = 0 THEN
        INSERT INTO event_heads (tenant_id, position, hash)
        VALUES (p_tenant, n, p_hashes[n])
        ON CONFLICT (tenant_id) DO NOTHING;
    ELSE
        UPDATE event_heads SET position = p_previous_position + n, hash = p_hashes[n]
        WHERE tenant_id = p_tenant AND position = p_previous_position;
    END IF;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'civic: the head of the log moved' USING ERRCODE = 'CV001';
    END IF;

    -- With the head locked at the position we chained to, every earlier append has committed.
    SELECT coalesce(max(stream_version), 0) INTO actual_version
    FROM events WHERE tenant_id = p_tenant AND stream_id = p_stream;
    IF actual_version <> p_expected_version THEN
        RAISE EXCEPTION 'civic: stream % is at version %', p_stream, actual_version
            USING ERRCODE = 'CV002', DETAIL = actual_version::text;
    END IF;

    INSERT INTO events (tenant_id, position, event_id, stream_id, stream_version, event_type,
                        schema_version, actor, command_id, causation_id, correlation_id,
                        recorded_at, payload, hash)
    SELECT p_tenant, p_previous_position + e.ord, e.event_id, p_stream, p_expected_version + e.ord,
           e.event_type, e.schema_version, p_actor, p_command, p_causation, p_correlation,
           p_recorded_at, e.payload, e.hash
    FROM unnest(p_event_ids, p_event_types, p_schema_versions, p_payloads, p_hashes)
         WITH ORDINALITY AS e(event_id, event_type, schema_version, payload, hash, ord);
END
$$;
