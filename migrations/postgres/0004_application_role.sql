-- The role the application acts as. Migrations run as the configured DATABASE_URL's user, which
-- owns the tables; every pooled connection of the server then runs `SET ROLE civic_app` (see
-- services/eventstore/src/postgres.rs), so the SQL the application runs cannot do what only an
-- owner or a superuser can: disable or drop the append-only triggers on events, drop or alter a
-- table. civic_app may read and append events, and read and write the read models, and nothing
-- else: no UPDATE, DELETE or TRUNCATE on events, no TRIGGER, no ownership. docs/security.md says
-- what this does and does not protect against.
--
-- Roles are cluster-wide: another database may have created it already, possibly at this very
-- moment (tests clone databases in parallel).
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'civic_app') THEN
        CREATE ROLE civic_app NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL;
END
$$;

-- The migrating user switches to the role on each connection, so it must be a member. (Reads
-- switch on to civic_reader with SET LOCAL ROLE; PostgreSQL checks that the session user, this
-- same user, is a member of civic_reader, which 0002 granted.)
DO $$
BEGIN
    IF NOT pg_has_role(current_user, 'civic_app', 'MEMBER') THEN
        EXECUTE format('GRANT civic_app TO %I', current_user);
    END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO civic_app;

-- The log: read and append only. The triggers of 0001 refuse UPDATE, DELETE and TRUNCATE to
-- anyone; without the privileges, civic_app is refused before they run.
GRANT SELECT, INSERT ON events TO civic_app;

-- The read models and the slug registry: the projector inserts, updates and deletes rows (a
-- rebuild deletes the generation it replaced), and locks rows FOR UPDATE.
GRANT SELECT, INSERT, UPDATE, DELETE ON projection_generations, projection_checkpoints,
    council_slugs, councils, decisions, forward_plan_entries, strategy_documents TO civic_app;

-- Row-level security (0002) binds civic_reader to one tenant. civic_app does not own the tables,
-- so the policies would hide every row from it too; the projector and the writers must see and
-- write every tenant's rows. Queries still switch to civic_reader, for which nothing changes.
CREATE POLICY application_all ON decisions FOR ALL TO civic_app USING (true) WITH CHECK (true);
CREATE POLICY application_all ON forward_plan_entries FOR ALL TO civic_app
    USING (true) WITH CHECK (true);
CREATE POLICY application_all ON strategy_documents FOR ALL TO civic_app
    USING (true) WITH CHECK (true);
CREATE POLICY application_all ON projection_checkpoints FOR ALL TO civic_app
    USING (true) WITH CHECK (true);

-- Tables added by later migrations are granted to civic_app there, explicitly: a default
-- privilege would also hand a future log-like table UPDATE and DELETE.
