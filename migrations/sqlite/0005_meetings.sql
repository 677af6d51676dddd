-- Meetings of the councils' bodies: see the PostgreSQL migration of this number. One row per
-- meeting: the full view in `document`, the public view in `public_document`.
CREATE TABLE meetings (
    tenant_id       TEXT    NOT NULL,
    generation      INTEGER NOT NULL,
    id              TEXT    NOT NULL,
    version         INTEGER NOT NULL,
    last_position   INTEGER NOT NULL,
    body_id         TEXT    NOT NULL,
    meeting_date    TEXT    NOT NULL,
    status          TEXT,
    document        TEXT    NOT NULL,
    public_document TEXT    NOT NULL,
    PRIMARY KEY (tenant_id, generation, id)
) STRICT, WITHOUT ROWID;
CREATE INDEX meetings_by_date ON meetings (tenant_id, generation, meeting_date DESC, id DESC);
