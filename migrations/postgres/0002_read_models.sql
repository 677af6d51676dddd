-- Read models: what civic-projections folds from each tenant's log, and the slug registry.
-- Every tenant table is keyed by tenant_id first, then generation: a rebuild writes generation
-- g+1 beside the live one and switches projection_generations.active_generation in one
-- transaction. Documents are the views as JSON; the other columns exist to filter and order.

-- The generation each tenant's queries read. Also the per-tenant lock: the projector and a
-- rebuild take this row FOR UPDATE, so one tenant's batches never interleave.
CREATE TABLE projection_generations (
    tenant_id         uuid   PRIMARY KEY,
    active_generation bigint NOT NULL CHECK (active_generation > 0)
);

-- How far each generation has projected the tenant's log; written in the same transaction as
-- the read-model rows of those events.
CREATE TABLE projection_checkpoints (
    tenant_id  uuid   NOT NULL,
    generation bigint NOT NULL,
    position   bigint NOT NULL CHECK (position >= 0),
    PRIMARY KEY (tenant_id, generation)
);

-- The platform's slug registry, written before a council's Register command is appended, so
-- that two registrations of one slug cannot both succeed.
CREATE TABLE council_slugs (
    slug      text PRIMARY KEY,
    tenant_id uuid NOT NULL
);
CREATE INDEX council_slugs_by_tenant ON council_slugs (tenant_id);

-- Council reference data. Slugs are unique in council_slugs; here the log is the truth and a
-- duplicate registered without a claim must not stop the projection, so the index is not unique.
CREATE TABLE councils (
    tenant_id     uuid   NOT NULL,
    generation    bigint NOT NULL,
    slug          text   NOT NULL,
    name          text   NOT NULL,
    kind          text   NOT NULL,
    nation        text   NOT NULL,
    version       bigint NOT NULL,
    last_position bigint NOT NULL,
    document      text   NOT NULL,
    PRIMARY KEY (tenant_id, generation)
);
CREATE INDEX councils_by_slug ON councils (slug);

-- Decisions: one row per audience. The 'full' row (clerks, auditors) exists for every decision;
-- the 'public' row only once published, with withheld values removed from its columns, its
-- document and its search vector, so a public filter or search cannot find them.
CREATE TABLE decisions (
    tenant_id           uuid     NOT NULL,
    generation          bigint   NOT NULL,
    audience            text     NOT NULL CHECK (audience IN ('public', 'full')),
    id                  uuid     NOT NULL,
    version             bigint   NOT NULL,
    last_position       bigint   NOT NULL,
    title               text     NOT NULL,
    decision_maker_id   uuid,
    decision_maker_name text,
    status              text     NOT NULL,
    outcome             text,
    status_label        text,
    key_decision        boolean,
    subject_to_call_in  boolean,
    date_of_decision    date,
    sort_date           date     NOT NULL,
    publication_date    date,
    call_in_deadline    date,
    effective_from      date,
    wards_all           boolean  NOT NULL,
    ward_ids            uuid[]   NOT NULL,
    restricted          boolean  NOT NULL,
    search              tsvector NOT NULL,
    document            text     NOT NULL,
    -- The same view with its long fields emptied, for list pages (DecisionView::summary).
    summary             text     NOT NULL,
    PRIMARY KEY (tenant_id, generation, audience, id)
);
-- The list order, carrying the filter columns so that counting a filtered list reads the index
-- alone.
CREATE INDEX decisions_in_list_order
    ON decisions (tenant_id, generation, audience, sort_date DESC, id DESC)
    INCLUDE (key_decision, subject_to_call_in, date_of_decision, publication_date, status,
             decision_maker_id, wards_all);
CREATE INDEX decisions_search ON decisions USING gin (search);
CREATE INDEX decisions_by_maker ON decisions (tenant_id, generation, audience, decision_maker_id);
CREATE INDEX decisions_open_to_call_in ON decisions (tenant_id, generation, audience, call_in_deadline)
    WHERE status = 'published';

-- The forward plan: notices of decisions to come, by date due.
CREATE TABLE forward_plan_entries (
    tenant_id         uuid    NOT NULL,
    generation        bigint  NOT NULL,
    id                uuid    NOT NULL,
    version           bigint  NOT NULL,
    last_position     bigint  NOT NULL,
    title             text    NOT NULL,
    date_due          date    NOT NULL,
    status            text    NOT NULL,
    key_decision      boolean NOT NULL,
    decision_maker_id uuid    NOT NULL,
    decision_id       uuid,
    document          text    NOT NULL,
    PRIMARY KEY (tenant_id, generation, id)
);
CREATE INDEX forward_plan_by_date_due
    ON forward_plan_entries (tenant_id, generation, status, date_due, id);

-- Strategy documents, their names over time and their versions.
CREATE TABLE strategy_documents (
    tenant_id     uuid   NOT NULL,
    generation    bigint NOT NULL,
    id            uuid   NOT NULL,
    version       bigint NOT NULL,
    last_position bigint NOT NULL,
    title         text   NOT NULL,
    document      text   NOT NULL,
    PRIMARY KEY (tenant_id, generation, id)
);

-- The role every query runs as (SET LOCAL ROLE civic_reader), so that row-level security applies
-- even though the server connects as a superuser or the tables' owner, who bypass it. Roles are
-- cluster-wide: another database may have created it already, possibly at this very moment.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'civic_reader') THEN
        CREATE ROLE civic_reader NOLOGIN;
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL;
END
$$;

-- A server connecting as an ordinary owner must be able to switch to the role.
DO $$
BEGIN
    IF NOT pg_has_role(current_user, 'civic_reader', 'MEMBER') THEN
        EXECUTE format('GRANT civic_reader TO %I', current_user);
    END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO civic_reader;
GRANT SELECT ON projection_generations, projection_checkpoints, council_slugs, councils,
    decisions, forward_plan_entries, strategy_documents TO civic_reader;

-- Tenant isolation: civic_reader sees only the rows of the tenant named by the transaction's
-- civic.tenant_id setting (none when it is unset or empty). Council names and slugs are public,
-- as is which generation a tenant reads, so those tables have no policy.
ALTER TABLE decisions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON decisions FOR SELECT TO civic_reader
    USING (tenant_id = NULLIF(current_setting('civic.tenant_id', true), '')::uuid);

ALTER TABLE forward_plan_entries ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON forward_plan_entries FOR SELECT TO civic_reader
    USING (tenant_id = NULLIF(current_setting('civic.tenant_id', true), '')::uuid);

ALTER TABLE strategy_documents ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON strategy_documents FOR SELECT TO civic_reader
    USING (tenant_id = NULLIF(current_setting('civic.tenant_id', true), '')::uuid);

ALTER TABLE projection_checkpoints ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON projection_checkpoints FOR SELECT TO civic_reader
    USING (tenant_id = NULLIF(current_setting('civic.tenant_id', true), '')::uuid);
