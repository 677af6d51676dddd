-- The tenant directory: which councils live in another database than this one (see the
-- PostgreSQL migration). A council without a row lives here.
CREATE TABLE council_placements (
    tenant_id TEXT PRIMARY KEY,
    database  TEXT NOT NULL CHECK (database <> '')
) STRICT, WITHOUT ROWID;
