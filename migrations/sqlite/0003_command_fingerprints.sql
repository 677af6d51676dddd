-- What each command asked for, as a SHA-256 of its canonical form, stored with its events: a
-- reused command id is then told apart from a retry. Not part of the hash chain (it is
-- idempotency metadata, not the record); NULL for events recorded before it was kept.
ALTER TABLE events ADD COLUMN command_fingerprint text
    CHECK (command_fingerprint IS NULL OR length(command_fingerprint) = 64);
