-- The tenant directory (docs/scaling.md): which councils keep their log and read models in another
-- PostgreSQL database than this one, by the database's configured name. A council without a row
-- lives in this database. Only the directory's database (DATABASE_URL) has rows: a row is written
-- in the same transaction as the council's slug claim, so a slug and its placement are decided
-- together, and never updated.
CREATE TABLE council_placements (
    tenant_id uuid PRIMARY KEY,
    database  text NOT NULL CHECK (database <> '')
);

GRANT SELECT ON council_placements TO civic_reader;
GRANT SELECT, INSERT ON council_placements TO civic_app;
