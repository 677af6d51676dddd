-- Idempotency by a unique key instead of a lookup (issue 16, item 5; docs/benchmarks.md, `append`).
-- Each command's first event records how many events the command appended; its other events
-- record 0. A unique index over the first events alone refuses a second command with the same id
-- as part of the insert itself, so an append no longer looks the command up first, and a command
-- of n events writes one entry to it instead of n. Every event of a command comes from one
-- append: one stream, consecutive positions and versions, so the first event and the count say
-- where the others are. Idempotency metadata like the fingerprint: not part of the hash chain,
-- NULL for events recorded before this migration.
--
-- No CHECK constraint: PostgreSQL 15 re-reads every CHECK expression from its text on each
-- INSERT statement, and only the store writes this column.
ALTER TABLE events ADD COLUMN command_events integer;

CREATE UNIQUE INDEX events_command_key ON events (tenant_id, command_id) WHERE command_events > 0;

-- Commands recorded before this migration are found, and refused again, through the old index,
-- kept for those events only: new events are not entered in it.
DROP INDEX events_by_command;
CREATE INDEX events_by_command_before_key ON events (tenant_id, command_id)
    WHERE command_events IS NULL;
