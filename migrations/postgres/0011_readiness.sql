-- `/readyz` answers "not ready" while a migration this binary needs is missing (a database
-- restored from an older backup, or a new binary before its migration job has run). It reads the
-- applied versions through the application role, which could not see sqlx's bookkeeping table.
-- Reading it reveals only version numbers, descriptions and checksums of public SQL files.
GRANT SELECT ON _sqlx_migrations TO civic_app;
