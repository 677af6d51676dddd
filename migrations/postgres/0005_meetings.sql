-- Meetings of the councils' bodies: one row per meeting, with two documents. `document` is the
-- full view (clerks, auditors); `public_document` the public view, in which the minutes of items
-- taken in private are replaced by their withheld notices. Meetings and their agendas are public
-- from the moment they are recorded, so every meeting has both; the columns beside them hold
-- only what the public may see too (body, date, status), so a public filter reveals nothing.
CREATE TABLE meetings (
    tenant_id       uuid   NOT NULL,
    generation      bigint NOT NULL,
    id              uuid   NOT NULL,
    version         bigint NOT NULL,
    last_position   bigint NOT NULL,
    body_id         uuid   NOT NULL,
    meeting_date    date   NOT NULL,
    status          text,
    document        text   NOT NULL,
    public_document text   NOT NULL,
    PRIMARY KEY (tenant_id, generation, id)
);
-- The list order: newest first.
CREATE INDEX meetings_by_date ON meetings (tenant_id, generation, meeting_date DESC, id DESC);

GRANT SELECT ON meetings TO civic_reader;
GRANT SELECT, INSERT, UPDATE, DELETE ON meetings TO civic_app;

-- Tenant isolation, as for the read models of 0002; the application role sees every tenant's
-- rows, as in 0004.
ALTER TABLE meetings ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON meetings FOR SELECT TO civic_reader
    USING (tenant_id = NULLIF(current_setting('civic.tenant_id', true), '')::uuid);
CREATE POLICY application_all ON meetings FOR ALL TO civic_app USING (true) WITH CHECK (true);
