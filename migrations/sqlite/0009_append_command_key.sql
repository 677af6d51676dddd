-- Idempotency by a unique key, as in migrations/postgres/0009_append_command_key.sql: each
-- command's first event records how many events the command appended, its other events 0, and a
-- unique index over the first events refuses a command id used twice. NULL for events recorded
-- before this migration, which stay findable through the old index, now kept for them alone.
ALTER TABLE events ADD COLUMN command_events INTEGER;

CREATE UNIQUE INDEX events_command_key ON events (tenant_id, command_id) WHERE command_events > 0;

DROP INDEX events_by_command;
CREATE INDEX events_by_command_before_key ON events (tenant_id, command_id)
    WHERE command_events IS NULL;
