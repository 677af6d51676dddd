-- Which forward plan documents each entry appears on: a council publishes a plan every month and
-- an entry stays on it, month after month, until it is decided or taken off. The plans live in
-- the council's view, the entries in forward_plan_entries; this is the index from a plan to its
-- entries, rebuilt with the entry each time the entry is projected. Keyed by tenant first, with
-- the generation like every read model.
CREATE TABLE forward_plan_listings (
    tenant_id  uuid   NOT NULL,
    generation bigint NOT NULL,
    plan_id    uuid   NOT NULL,
    entry_id   uuid   NOT NULL,
    PRIMARY KEY (tenant_id, generation, plan_id, entry_id)
);
-- Replacing an entry's rows finds them by entry.
CREATE INDEX forward_plan_listings_by_entry
    ON forward_plan_listings (tenant_id, generation, entry_id);

-- Queries (civic_reader) read one tenant's rows only, as for the other read models (0002).
GRANT SELECT ON forward_plan_listings TO civic_reader;
ALTER TABLE forward_plan_listings ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON forward_plan_listings FOR SELECT TO civic_reader
    USING (tenant_id = NULLIF(current_setting('civic.tenant_id', true), '')::uuid);

-- The projector (civic_app) writes every tenant's rows, as for the other read models (0004).
GRANT SELECT, INSERT, UPDATE, DELETE ON forward_plan_listings TO civic_app;
CREATE POLICY application_all ON forward_plan_listings FOR ALL TO civic_app
    USING (true) WITH CHECK (true);
