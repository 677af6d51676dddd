-- Which forward plan documents each entry appears on: a council publishes a plan every month and
-- an entry stays on it, month after month, until it is decided or taken off. The plans live in
-- the council's view, the entries in forward_plan_entries; this is the index from a plan to its
-- entries, rebuilt with the entry each time the entry is projected. Keyed by tenant first, with
-- the generation like every read model.
CREATE TABLE forward_plan_listings (
    tenant_id  TEXT    NOT NULL,
    generation INTEGER NOT NULL,
    plan_id    TEXT    NOT NULL,
    entry_id   TEXT    NOT NULL,
    PRIMARY KEY (tenant_id, generation, plan_id, entry_id)
) STRICT, WITHOUT ROWID;
-- Replacing an entry's rows finds them by entry.
CREATE INDEX forward_plan_listings_by_entry
    ON forward_plan_listings (tenant_id, generation, entry_id);
